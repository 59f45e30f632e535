package effects

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/keyexpr"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// maxDepth bounds how many helper levels an effect is carried up: far enough for
// handler -> service -> store, not so far that unrelated code meets.
const maxDepth = 4

// maxEffects bounds a summary, so facts stay small on huge generated functions.
const maxEffects = 32

type collector struct {
	pass     *analysis.Pass
	table    *Table
	prepared map[any]ssa.Value // statement field or global -> SQL text, see preparedStored
	ssa      *buildssa.SSA
	funcs    map[*ssa.Function]*Func
	builder  map[*ssa.Function]*keyexpr.Builder
	sums     map[*ssa.Function]*Summary
	busy     map[*ssa.Function]bool
	guarded  map[*ssa.Function]bool
	// ifaceSums memoizes interfaceLock per interface method.
	ifaceSums map[*types.Func]*Summary
	// repeatable memoizes repeatableWork per function.
	repeatable map[*ssa.Function]bool
	// direct memoizes directOps per function.
	direct map[*ssa.Function][]*Effect
}

func newCollector(pass *analysis.Pass, info *buildssa.SSA, table *Table) *collector {
	return &collector{pass: pass, ssa: info, table: table,
		funcs: map[*ssa.Function]*Func{}, builder: map[*ssa.Function]*keyexpr.Builder{},
		sums: map[*ssa.Function]*Summary{}, busy: map[*ssa.Function]bool{}, guarded: map[*ssa.Function]bool{},
		ifaceSums: map[*types.Func]*Summary{}, repeatable: map[*ssa.Function]bool{},
		direct: map[*ssa.Function][]*Effect{}}
}

func (c *collector) result() *Result {
	res := &Result{Table: c.table, Funcs: c.funcs}
	var all []*ssa.Function
	for _, fn := range c.ssa.SrcFuncs {
		all = append(all, fn)
	}
	for _, fn := range all {
		c.markGuarded(fn)
	}
	for _, fn := range all {
		res.Order = append(res.Order, fn)
		c.funcOf(fn)
		if fn.Parent() == nil {
			c.export(fn)
		}
	}
	c.exportInterfaceLocks()
	c.inheritCallerLocks(all)
	for _, fn := range all {
		if fn.Parent() == nil {
			c.inheritLocks(fn) // recurses into nested closures
		}
	}
	return res
}

// inheritLocks gives each closure of fn the locks fn holds where it makes it.
func (c *collector) inheritLocks(fn *ssa.Function) {
	parent := c.funcOf(fn)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok {
				continue
			}
			cl, ok := mc.Fn.(*ssa.Function)
			if !ok {
				continue
			}
			inner := c.funcOf(cl)
			inner.HeldLocks = append(inner.HeldLocks, parent.HeldLocks...)
			for _, e := range parent.Effects {
				if parent.HeldLock(e) && flow.Before(e.Site, mc) {
					inner.HeldLocks = append(inner.HeldLocks, e)
				}
			}
			c.inheritLocks(cl)
		}
	}
}

// markGuarded finds the callbacks of tx.TxPipelined / tx.Pipelined on a go-redis
// *Tx: their writes are queued in MULTI/EXEC under Watch, so they fail instead of
// racing when a watched key changed. A tx.Set outside them runs at once.
func (c *collector) markGuarded(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			row := c.table.Model.Lookup(model.Callee(call.Common()))
			if row == nil || !row.Guarded || row.Callback == No || !onRedisTx(model.Receiver(call.Common())) {
				continue
			}
			args := model.Args(call.Common())
			if row.Callback < len(args) {
				if cb := closureFunc(args[row.Callback]); cb != nil {
					c.markTree(cb)
				}
			}
		}
	}
}

// No is model.No, for brevity.
const No = model.No

func (c *collector) markTree(fn *ssa.Function) {
	c.guarded[fn] = true
	for _, anon := range fn.AnonFuncs {
		c.markTree(anon)
	}
}

// closureFunc returns the function of a func value made in place: a closure, an
// anonymous function without free variables, or a bound method.
func closureFunc(v ssa.Value) *ssa.Function {
	switch x := v.(type) {
	case *ssa.MakeClosure:
		fn, _ := x.Fn.(*ssa.Function)
		return fn
	case *ssa.Function:
		return x
	}
	return nil
}

// funcOf returns fn's effects, computing them once.
func (c *collector) funcOf(fn *ssa.Function) *Func {
	if f, ok := c.funcs[fn]; ok {
		return f
	}
	f := &Func{Fn: fn, Guarded: c.guarded[fn], taint: map[ssa.Value]*flow.Taint{}, work: c}
	c.funcs[fn] = f
	c.scanConstants(f)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok {
				c.visitCall(f, call)
			}
		}
	}
	return f
}

func (c *collector) keys(fn *ssa.Function) *keyexpr.Builder {
	b := c.builder[fn]
	if b == nil {
		b = keyexpr.NewBuilder(fn, c.returnKey)
		c.builder[fn] = b
	}
	return b
}

// visitCall adds the effects of one call: a modeled operation, a helper with a
// summary, or closures that run there.
func (c *collector) visitCall(f *Func, call ssa.CallInstruction) {
	common := call.Common()
	if op := c.table.Model.Resolve(call, model.Env{Prepared: c.preparedStored}); op != nil {
		if op.Kind != model.Invalid {
			c.addOp(f, call, op)
		}
		if op.Kind == model.Lock {
			c.holdLockInClosures(call, f.Effects[len(f.Effects)-1])
		}
		if op.Row.Callback != No {
			args := model.Args(common)
			if op.Row.Callback < len(args) {
				c.inlineClosure(f, call, args[op.Row.Callback], nil)
			}
		}
		return
	}
	if req := c.table.Model.SentRequest(call); req != nil {
		c.sendRequest(f, call, req, "") // client.Do(req) of a request a helper or the caller built
		return
	}
	if requestsSerializable(common) || model.RunsInTransaction(model.Callee(common)) { // InTx(ctx, db, sql.LevelSerializable, fn), pgx.BeginTxFunc
		for _, a := range common.Args {
			if cl := closureFunc(a); cl != nil && cl.Parent() != nil {
				c.markSerializable(cl)
			}
		}
	}
	if callee := common.StaticCallee(); callee != nil && callee.Parent() == nil {
		if !builds(common) {
			c.inlineSummary(f, call, callee)
		}
	} else if common.IsInvoke() {
		c.inlineInterfaceLock(f, call) // r.lock.AttemptLock(ctx) on a lock interface
	} else {
		c.inlineClosure(f, call, common.Value, common.Args) // func(){...}() and go/defer of a closure
	}
	for _, a := range common.Args {
		if cl, ok := a.(*ssa.MakeClosure); ok { // errgroup.Go(func() error {...}), retry.Do(func...)
			c.inlineClosure(f, call, cl, nil)
		}
	}
}

// builds reports a call of a chain link (gorm's Where, a rueidis builder step): it
// only adds to the operation its finisher performs, which the model resolves;
// its body's own effects (gorm keeps a sync.Map cache and names duplicate errors,
// which would read as a claim) are not the caller's.
func builds(call *ssa.CallCommon) bool { return model.LinkOf(call) != nil }

// addOp records a modeled operation performed directly at call.
func (c *collector) addOp(f *Func, call ssa.CallInstruction, op *model.Op) {
	b := c.keys(f.Fn)
	e := &Effect{Core: Core{Kind: op.Kind, Store: op.Row.Store, Verb: op.Verb, Watch: op.Watch,
		Guarded: f.Guarded, Locking: op.Locking, Keyed: op.Keyed}, Site: call, Op: op,
		Result: op.Kind == model.Read || op.Kind == model.Lock || op.Kind == model.Claim}
	e.Statement = op.Row.Statement
	if op.SQL != nil {
		e.Statement, e.Target = op.SQL.Verb, op.SQL.Table
	}
	e.Keys = opKeys(b, op)
	e.Values = opValues(op)
	e.Marker = op.SQL == nil && isMarker(op.Value)
	f.Effects = append(f.Effects, e)
}

// opValues is what an operation writes: the value, or an UPDATE's SET arguments.
func opValues(op *model.Op) []ssa.Value {
	if op.SQL != nil {
		var vs []ssa.Value
		idx := op.SQL.SetArgs
		if op.SQL.Verb == sqlclass.Insert {
			for i := range op.SQLArgs {
				vs = append(vs, op.SQLArgs[i])
			}
			return vs
		}
		for _, i := range idx {
			if i < len(op.SQLArgs) {
				vs = append(vs, op.SQLArgs[i])
			}
		}
		return vs
	}
	if op.Value != nil {
		return []ssa.Value{op.Value}
	}
	return nil
}

// isMarker reports whether a written value is a constant or a timestamp: what a dedup
// marker stores, as opposed to a value computed to be cached.
func isMarker(v ssa.Value) bool {
	for {
		switch x := v.(type) {
		case nil:
			return true
		case *ssa.Const:
			return true
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.Convert:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Call:
			if x.Call.StaticCallee() == nil {
				return false
			}
			fn := model.Callee(&x.Call)
			if model.Clock(fn) {
				return true
			}
			if model.OnTime(fn) && len(x.Call.Args) > 0 { // now.Unix(): still the timestamp
				v = x.Call.Args[0]
				continue
			}
			return false
		default:
			return false
		}
	}
}

// onRedisTx reports whether recv is a go-redis *Tx, which only exists inside Watch.
func onRedisTx(recv ssa.Value) bool { return recv != nil && model.IsRedisTx(recv.Type()) }

// scanConstants notes serializable transactions and unique-violation handling.
func (c *collector) scanConstants(f *Func) {
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			for _, rand := range instr.Operands(nil) {
				if rand == nil {
					continue
				}
				if c, ok := (*rand).(*ssa.Const); ok && isSerializableConst(c) {
					f.Serializable = true
				}
				if checksDuplicate(instr, *rand) {
					f.HandlesDuplicate = true
				}
			}
		}
	}
}

// checksDuplicate reports whether instr, using v, inspects an error for a unique
// violation: it compares with a code or text that says so (pgErr.Code ==
// "23505", strings.Contains(err.Error(), "duplicate key")), calls a predicate on
// an error whose name says so (isUniqueViolation(err), mongo.IsDuplicateKeyError)
// or compares with an error variable named so (errors.Is(err, ErrDuplicate)).
// Code that only produces such an error (mime's "duplicate parameter", a
// generateUniqueID) checks nothing: its callers would otherwise read as
// deduplicating.
func checksDuplicate(instr ssa.Instruction, v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.Const:
		return x.Value != nil && x.Value.Kind() == constant.String &&
			model.UniqueViolation(constant.StringVal(x.Value)) && comparesWithError(instr, x)
	case *ssa.Function:
		call, ok := instr.(ssa.CallInstruction)
		return ok && call.Common().Value == x && model.NamesDuplicate(x.Name()) && takesError(x.Signature)
	case *ssa.Global:
		load, ok := instr.(*ssa.UnOp)
		if !ok || !model.NamesDuplicate(x.Name()) || !ssautil.IsError(load.Type()) {
			return false
		}
		for _, use := range *load.Referrers() {
			if comparesWithError(use, load) {
				return true
			}
		}
	}
	return false
}

// comparesWithError reports whether instr compares v (== or a switch case), or
// passes it to a call together with an error or a text made from one
// (errors.Is(err, v), strings.Contains(err.Error(), v)).
func comparesWithError(instr ssa.Instruction, v ssa.Value) bool {
	switch x := instr.(type) {
	case *ssa.BinOp:
		return x.Op == token.EQL || x.Op == token.NEQ
	case ssa.CallInstruction:
		for _, a := range x.Common().Args {
			if a != v && fromError(a) {
				return true
			}
		}
	}
	return false
}

// fromError reports an error value, or a value computed by a call on one
// (err.Error()).
func fromError(v ssa.Value) bool {
	if ssautil.IsError(v.Type()) {
		return true
	}
	call, ok := ssautil.Unwrap(v).(*ssa.Call)
	if !ok {
		return false
	}
	if call.Call.IsInvoke() && ssautil.IsError(call.Call.Value.Type()) {
		return true
	}
	for _, a := range call.Call.Args {
		if ssautil.IsError(a.Type()) {
			return true
		}
	}
	return false
}

// takesError reports a function with an error parameter: a predicate on errors.
func takesError(sig *types.Signature) bool {
	for i := 0; i < sig.Params().Len(); i++ {
		if ssautil.IsError(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

func isSerializableConst(c *ssa.Const) bool { return model.SerializableLevel(c.Type(), c.Value) }

// requestsSerializable reports a call that passes a serializable isolation level,
// directly or in an options struct (pgx.TxOptions{IsoLevel: pgx.Serializable}),
// together with a func: the func runs in that transaction.
func requestsSerializable(call *ssa.CallCommon) bool {
	hasFunc, serializable := false, false
	for _, a := range call.Args {
		if closureFunc(a) != nil {
			hasFunc = true
		}
		if serializableArg(a) {
			serializable = true
		}
		opts, _ := ssautil.VarArgs(a) // db.Transaction(fn, &sql.TxOptions{...}): options are variadic
		for _, o := range opts {
			if serializableArg(o) {
				serializable = true
			}
		}
	}
	return hasFunc && serializable
}

func serializableArg(v ssa.Value) bool {
	v = ssautil.Unwrap(v)
	if c, ok := v.(*ssa.Const); ok {
		return isSerializableConst(c)
	}
	var lit *ssa.Alloc
	switch x := v.(type) {
	case *ssa.Alloc: // &sql.TxOptions{...}
		lit = x
	case *ssa.UnOp: // pgx.TxOptions{...} by value
		lit, _ = x.X.(*ssa.Alloc)
	}
	if lit == nil {
		return false
	}
	for _, ref := range *lit.Referrers() {
		if fa, ok := ref.(*ssa.FieldAddr); ok {
			for _, r := range *fa.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == fa {
					if c, ok := ssautil.Unwrap(st.Val).(*ssa.Const); ok && isSerializableConst(c) {
						return true
					}
				}
			}
		}
	}
	return false
}
