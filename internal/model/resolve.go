package model

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// Op is one resolved store operation at a call site.
type Op struct {
	Row   *Row
	Kind  Kind
	Verb  string // "GET", "SET NX", "INSERT", "Load"
	Instr ssa.CallInstruction
	Recv  ssa.Value // the client, map or lock; nil for package functions
	Key   ssa.Value // nil when the row has no key or it cannot be seen
	Field ssa.Value // hash field or set member
	Value ssa.Value
	TTL   ssa.Value
	// SQL is the classified statement and SQLArgs its arguments, for SQL rows.
	SQL     *sqlclass.Statement
	SQLArgs []ssa.Value
	// Locking says the read locks the rows it finds until commit: SELECT ... FOR
	// UPDATE in a transaction. Outside one the lock ends with the statement.
	Locking bool
}

// Table is the rows of one run: the built-in rows and the ones the run's
// configuration adds (a user's wrappers). It is built once per run and never
// changed after, so analyzers and tests running side by side cannot see each
// other's rows.
type Table struct {
	exact   map[string]*Row // pkg \x00 recv \x00 name
	anyRecv map[string]*Row // pkg \x00 name
	pkgs    map[string]bool // packages that declare a row
}

// builtin is the table of the rows every run starts from; built at init, read only.
var builtin = newTable(builtinRows())

func newTable(rows []Row) *Table {
	t := &Table{exact: map[string]*Row{}, anyRecv: map[string]*Row{}, pkgs: map[string]bool{}}
	for _, r := range rows {
		t.add(r)
	}
	return t
}

// Builtin returns the table of built-in rows; callers must not change it.
func Builtin() *Table { return builtin }

// NewTable returns the built-in rows plus rows: a user's row replaces a built-in
// row of the same function.
func NewTable(rows ...Row) *Table {
	if len(rows) == 0 {
		return builtin
	}
	t := newTable(nil)
	for k, r := range builtin.exact {
		t.exact[k] = r
	}
	for k, r := range builtin.anyRecv {
		t.anyRecv[k] = r
	}
	for p := range builtin.pkgs {
		t.pkgs[p] = true
	}
	for _, r := range rows {
		t.add(r)
	}
	return t
}

func (t *Table) add(r Row) {
	row := &r
	t.pkgs[r.Pkg] = true
	if r.Recv == "any" {
		t.anyRecv[r.Pkg+"\x00"+r.Name] = row
		return
	}
	t.exact[r.Pkg+"\x00"+r.Recv+"\x00"+r.Name] = row
}

// Lookup returns the row of fn, or nil.
func (t *Table) Lookup(fn *types.Func) *Row {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	fn = fn.Origin()
	pkg := fn.Pkg().Path()
	recv := recvTypeName(fn)
	if r := t.exact[pkg+"\x00"+recv+"\x00"+fn.Name()]; r != nil {
		return r
	}
	if recv != "" {
		return t.anyRecv[pkg+"\x00"+fn.Name()]
	}
	return nil
}

// KnowsPackage reports whether any row is declared in pkg: the passes' fast path.
func (t *Table) KnowsPackage(path string) bool { return t.pkgs[path] }

// recvTypeName is the name of fn's receiver type without '*', or "".
func recvTypeName(fn *types.Func) string {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return "?"
}

// Callee is the function a call site names: the interface method for dynamic calls,
// the declared function or method for static ones.
func Callee(call *ssa.CallCommon) *types.Func {
	if call.IsInvoke() {
		return call.Method
	}
	if fn := call.StaticCallee(); fn != nil {
		if f, ok := fn.Object().(*types.Func); ok {
			return f
		}
	}
	return nil
}

// Receiver and Args split a call's operands the way rows count them.
func Receiver(call *ssa.CallCommon) ssa.Value {
	if call.IsInvoke() {
		return call.Value
	}
	if fn := Callee(call); fn != nil && fn.Type().(*types.Signature).Recv() != nil && len(call.Args) > 0 {
		return call.Args[0]
	}
	return nil
}

func Args(call *ssa.CallCommon) []ssa.Value {
	if !call.IsInvoke() && Receiver(call) != nil {
		return call.Args[1:]
	}
	return call.Args
}

// Env is what a caller knows beyond the call site.
type Env struct {
	// Prepared returns the SQL text of a statement loaded from a struct field or
	// a package variable (prepared once in a constructor or init), or nil.
	Prepared func(stmt ssa.Value) ssa.Value
}

// Resolve returns the store operation performed by instr, or nil; env is what the
// caller knows about the package beyond the call site.
func (t *Table) Resolve(instr ssa.CallInstruction, env Env) *Op {
	call := instr.Common()
	row := t.Lookup(Callee(call))
	if row == nil {
		return nil
	}
	o := &Op{Row: row, Kind: row.Kind, Verb: row.Verb, Instr: instr, Recv: Receiver(call)}
	args := Args(call)
	arg := func(i int, variadic bool) ssa.Value {
		if i == No || i >= len(args) {
			return nil
		}
		if variadic {
			elems, ok := ssautil.VarArgs(args[i])
			if !ok || len(elems) == 0 {
				return nil
			}
			return elems[0]
		}
		return args[i]
	}
	o.Key, o.Field = arg(row.Key, row.KeyVar), arg(row.Field, row.FieldVar)
	o.Value, o.TTL = arg(row.Value, false), arg(row.TTL, false)
	if row.PairValue && row.Field < len(args) {
		// HSet(ctx, key, field, value, ...): the value follows its field
		if elems, ok := ssautil.VarArgs(args[row.Field]); ok && len(elems) >= 2 {
			o.Value = elems[1] // with several pairs, the first stands for them
		}
	}
	switch row.Dispatch {
	case SetArgsMode:
		if !setArgsPlainSet(arg(3, false)) {
			o.Kind, o.Verb = Claim, "SET NX"
		}
	case RedisCommand:
		resolveRedisCommand(o, arg(row.Cmd, false), args, row.Args)
	case SQLQuery:
		sqlArgs, _ := ssautil.VarArgsAt(args, row.Args)
		resolveSQL(o, arg(row.Cmd, false), sqlArgs)
	case SQLNamed:
		var bound []ssa.Value
		if row.Args < len(args) {
			bound = []ssa.Value{args[row.Args]}
		}
		resolveSQL(o, arg(row.Cmd, false), bound)
	case RedisBuilder:
		resolveRedisBuilder(o, row, args)
	case SQLStmt:
		sqlArgs, _ := ssautil.VarArgsAt(args, row.Args)
		q := PreparedQuery(o.Recv)
		if q == nil && env.Prepared != nil {
			q = env.Prepared(o.Recv)
		}
		resolveSQL(o, q, sqlArgs)
	}
	if o.Kind == Invalid && row.Callback == No {
		return nil
	}
	return o
}

// setArgsPlainSet reports whether a go-redis SetArgs value has Mode "" or "XX" and no
// Get, i.e. the SET overwrites blindly. Any other or unknown mode (NX, IFEQ, ...) is
// a conditional set.
func setArgsPlainSet(v ssa.Value) bool {
	mode, ok := ssautil.StructFieldConst(v, "Mode")
	if !ok {
		return false
	}
	if get, ok := ssautil.StructFieldConst(v, "Get"); !ok || get == "true" {
		return false // SET ... GET returns the old value: the GETSET claim
	}
	m := strings.ToUpper(mode)
	return m == "" || m == "XX"
}

// PreparedQuery finds the SQL text of a statement prepared in view: database/sql
// Prepare(Context), sqlx Preparex(Context), also through sqlx.Stmt's embedded
// *sql.Stmt.
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
	if fn == nil || fn.Pkg() == nil || (fn.Pkg().Path() != "database/sql" && fn.Pkg().Path() != sqlx) {
		return nil
	}
	args := Args(&call.Call)
	switch fn.Name() {
	case "Prepare", "Preparex":
		return args[0]
	case "PrepareContext", "PreparexContext":
		return args[1]
	}
	return nil
}
