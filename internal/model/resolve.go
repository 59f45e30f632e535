package model

import (
	"go/types"

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
	// ArgFields names, for an argument that is a record received whole (GORM's
	// Create(p) of a *Payment parameter), the field of it bound at that position
	// ("IdempotencyKey"); "" or a short slice elsewhere.
	ArgFields []string
	// Locking says the read locks the rows it finds until commit: SELECT ... FOR
	// UPDATE in a transaction. Outside one the lock ends with the statement.
	Locking bool
	// Keyed says a side effect carries an idempotency key its receiver dedups on
	// (see Row.KeyField): a redelivery does not repeat it.
	Keyed bool
	// Watch says the operation starts an optimistic transaction on its key (redigo
	// WATCH): a later EXEC fails if another client wrote the key.
	Watch bool
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
	o.Key, o.Field = rowArg(args, row.Key, row.KeyVar), rowArg(args, row.Field, row.FieldVar)
	o.Value, o.TTL = rowArg(args, row.Value, false), rowArg(args, row.TTL, false)
	if row.PairValue && row.Field < len(args) {
		// HSet(ctx, key, field, value, ...): the value follows its field
		if elems, ok := ssautil.VarArgs(args[row.Field]); ok && len(elems) >= 2 {
			o.Value = elems[1] // with several pairs, the first stands for them
		}
	}
	dispatch(o, row, args, env)
	if o.Kind == Invalid && row.Callback == No {
		return nil
	}
	return o
}

// rowArg is the call's argument i (the first element of a variadic one), or nil.
func rowArg(args []ssa.Value, i int, variadic bool) ssa.Value {
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

// dispatch refines o by the shape of the row's API: the one place where a command
// passed as an argument, an SQL text, a prepared statement or a builder chain
// becomes the operation.
func dispatch(o *Op, row *Row, args []ssa.Value, env Env) {
	switch row.Dispatch {
	case SetArgsMode:
		if !setArgsPlainSet(rowArg(args, 3, false)) {
			o.Kind, o.Verb = Claim, "SET NX"
		}
	case RedisCommand:
		resolveRedisCommand(o, rowArg(args, row.Cmd, false), args, row.Args)
	case SQLQuery:
		sqlArgs, _ := ssautil.VarArgsAt(args, row.Args)
		resolveSQL(o, rowArg(args, row.Cmd, false), sqlArgs)
	case SQLNamed:
		var bound []ssa.Value
		if row.Args < len(args) {
			bound = []ssa.Value{args[row.Args]}
		}
		resolveSQL(o, rowArg(args, row.Cmd, false), bound)
	case RedisBuilder:
		resolveRedisBuilder(o, row, args)
	case RecordChain:
		resolveGorm(o, row, args)
	case MongoCall:
		resolveMongo(o, row, args)
	case DynamoInput:
		resolveDynamo(o, row, args)
	case SQLStmt:
		sqlArgs, _ := ssautil.VarArgsAt(args, row.Args)
		q := PreparedQuery(o.Recv)
		if q == nil && env.Prepared != nil {
			q = env.Prepared(o.Recv)
		}
		resolveSQL(o, q, sqlArgs)
	case HTTPRequest:
		resolveRequest(o, rowArg(args, 0, false))
	}
	if o.Kind == Publish {
		o.Keyed = o.Keyed || carriesKey(row, args) // an outbound request keyed by its header stays keyed
	}
}

// ReadsBack reports whether fn, called on a command, returns the value the command
// read, unchanged (go-redis cmd.Val(), cmd.Result(), cmd.Bytes(), cmd.Text()).
func ReadsBack(fn *types.Func) bool {
	if rueidisReadsBack(fn) {
		return true
	}
	lib := libraryOf(fn)
	return lib != nil && contains(lib.ReadBack, fn.Name())
}

// Plumbing reports a function of a modeled library that sends no command of its
// own (Library.Plumbing): pool.Get(), conn.Close(), pipe.Exec(), redis.Int64(reply).
func Plumbing(fn *types.Func) bool {
	lib := libraryOf(fn)
	return lib != nil && (contains(lib.Plumbing, fn.Name()) || contains(lib.ReadBack, fn.Name()))
}

// Miss reports a predicate of a store's library that says a read found nothing
// (rueidis.IsRedisNil(err)), beside the sentinels compared with errors.Is.
func Miss(fn *types.Func) bool { return rueidisMiss(fn) }
