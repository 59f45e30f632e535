package model

// What the SQL libraries share: the statement text decides the operation
// (sqlclass), a transaction keeps FOR UPDATE and advisory locks until commit, and a
// statement can be prepared in one place and run in another.

import (
	"go/constant"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// query is a row whose SQL text is argument cmd, followed by its arguments.
func query(pkg, recv, name string, cmd int) Row {
	r := op(pkg, recv, name, Invalid, SQL, "")
	r.Dispatch, r.Cmd, r.Args = SQLQuery, cmd, cmd+1
	return r
}

// prepared is a method of a prepared statement (pkg's Stmt) whose arguments start
// at args; the SQL text is in the Prepare call.
func prepared(pkg, name string, args int) Row {
	r := op(pkg, "Stmt", name, Invalid, SQL, "")
	r.Dispatch, r.Args = SQLStmt, args
	return r
}

// resolveSQL classifies the statement and sets the op's kind from it.
func resolveSQL(o *Op, query ssa.Value, args []ssa.Value) {
	text, ok := ssautil.ConstString(query)
	if !ok {
		return
	}
	resolveSQLText(o, text, args)
}

// resolveSQLText is resolveSQL for text known otherwise: the statement an ORM
// call amounts to (record.go).
func resolveSQLText(o *Op, text string, args []ssa.Value) {
	st := sqlclass.Classify(text)
	o.SQL, o.SQLArgs, o.Verb = &st, args, st.Verb.String()
	switch {
	case st.AdvisoryLock:
		if transactionScoped(text) && !onTransaction(o.Recv) {
			return // pg_advisory_xact_lock outside a transaction is released at once
		}
		o.Kind = Lock
	case st.Verb == sqlclass.Select:
		o.Kind = Read
		o.Locking = st.ForUpdate && onTransaction(o.Recv)
	case st.Verb == sqlclass.Upsert, st.Verb == sqlclass.Insert && st.OnConflict:
		o.Kind = Claim
	case st.Verb == sqlclass.Insert:
		o.Kind = Write
	case st.Verb == sqlclass.Update && compareAndSet(&st, args):
		o.Kind = Claim // compare-and-set: WHERE id = $1 AND status = 'pending'
	case st.Verb == sqlclass.Update && st.SelfRelative && len(st.SetArgs) == 0:
		o.Kind = Incr
	case st.Verb == sqlclass.Update:
		o.Kind = Write
	case st.Verb == sqlclass.Delete:
		o.Kind = Delete
	case st.Verb == sqlclass.Define:
		o.Kind = Write // CREATE TABLE IF NOT EXISTS: keyless, repeatable (Kind.Repeatable), never a side effect (Repeats)
	}
}

// compareAndSet reports an UPDATE that only one of two racing deliveries can
// apply: besides the key, its WHERE tests a state (status = 'pending', n >= $2,
// done_at IS NULL), a column bound to a constant (status = ? with "pending"), or
// a column the UPDATE itself changes (version = $3 ... SET version = $4). A WHERE
// of key columns only (sku = $2 AND warehouse = $3) is a composite key: both
// deliveries apply it.
func compareAndSet(st *sqlclass.Statement, args []ssa.Value) bool {
	if !st.Conditional {
		return false
	}
	if st.Guards > 0 {
		return true
	}
	for col, i := range st.Keys {
		if slices.Contains(st.SetCols, col) {
			return true
		}
		if i < len(args) {
			if c, ok := ssautil.Unwrap(args[i]).(*ssa.Const); ok && c.Value != nil {
				return true
			}
		}
	}
	return false
}

// transactionScoped reports whether an advisory lock lasts only for the transaction.
func transactionScoped(query string) bool {
	return strings.Contains(strings.ToLower(query), "xact")
}

// transactionType is the name every SQL library gives its transaction (sql.Tx,
// sqlx.Tx, pgx.Tx, pgxpool.Tx), and that users give their wrappers of one.
const transactionType = "Tx"

// onTransaction reports whether a SQL call's receiver is a transaction, where a
// transaction-scoped lock is held until commit.
func onTransaction(recv ssa.Value) bool {
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == transactionType
}

// PreparedQuery finds the SQL text of a statement prepared in view (a library's
// Prepares: database/sql Prepare(Context), sqlx Preparex(Context)), also through
// sqlx.Stmt's embedded *sql.Stmt.
func PreparedQuery(stmt ssa.Value) ssa.Value {
	stmt = ssautil.Unwrap(stmt)
	if u, ok := stmt.(*ssa.UnOp); ok { // stmt.Stmt.Exec: load of the embedded field
		if fa, ok := u.X.(*ssa.FieldAddr); ok {
			stmt = fa.X
		}
	}
	if fa, ok := stmt.(*ssa.FieldAddr); ok {
		stmt = fa.X
	}
	ext, ok := stmt.(*ssa.Extract)
	if !ok {
		return nil
	}
	call, ok := ext.Tuple.(*ssa.Call)
	if !ok {
		return nil
	}
	fn := Callee(&call.Call)
	lib := libraryOf(fn)
	if lib == nil {
		return nil
	}
	args := Args(&call.Call)
	for _, p := range lib.Prepares {
		if p.Name == fn.Name() && p.Query < len(args) {
			return args[p.Query]
		}
	}
	return nil
}

// SerializableLevel reports whether a constant of type t is a library's
// serializable isolation level.
func SerializableLevel(t types.Type, v constant.Value) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || v == nil || n.Obj().Pkg() == nil {
		return false
	}
	name := n.Obj().Pkg().Path() + "." + n.Obj().Name()
	for _, l := range builtinLibraries {
		if l.Serializable != nil && l.Serializable.Type == name {
			return l.Serializable.Serializable(v)
		}
	}
	return false
}

// ErrorPackage reports a package of database errors: code that imports one may
// recognize a unique violation (pgconn.PgError Code 23505, pq, MySQL 1062).
func ErrorPackage(path string) bool {
	for _, l := range builtinLibraries {
		if contains(l.ErrorPackages, path) {
			return true
		}
	}
	return false
}
