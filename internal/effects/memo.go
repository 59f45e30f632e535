package effects

// This file answers "is what this check decides only a memo of repeatable work?":
// an in-process map that remembers "done" for an action that is harmless to run
// twice (SADD of a queue name) saves a round trip; a second delivery that passes
// the check with it repeats nothing. Work that is not repeatable (a charge, a
// publish, a goroutine) is what a dedup protects, and is reported.

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// DecisionsOf is what the result of e's call decides (flow.ForwardDecisions): a
// memo's miss arm that also appends the key to a rollback list or bumps a pipeline
// counter decides only that arm (memoBookkeeping), so the loops over those lists
// after it are not work the memo gates.
func (f *Func) DecisionsOf(e *Effect) *flow.Taint {
	v, ok := e.Site.(ssa.Value)
	if !ok || !e.Result {
		return &flow.Taint{Values: map[ssa.Value]bool{}}
	}
	return flow.ForwardDecisions(v)
}

// GatesOnlyRepeatable reports whether every block the check (whose taint is t)
// decides does only repeatable work, and some of it on a shared store: modeled store
// operations that are repeatable (model.Kind.Repeatable), helpers summarized as
// doing only such work (Summary.Repeatable), computation, accessors of results,
// errors built only to be returned, and returns that report a failure or nothing.
// Any other call (charge(order), process()), a goroutine or a channel send is work
// the check may be deduplicating.
func (f *Func) GatesOnlyRepeatable(check *Effect, t *flow.Taint) bool {
	if f.work == nil {
		return false
	}
	sites := sitesOf(f)
	acts := false
	for _, b := range f.Fn.Blocks {
		if t.Gate(b) == nil {
			continue
		}
		for _, instr := range b.Instrs {
			if ret, ok := instr.(*ssa.Return); ok && !reportsNothing(ret) {
				return false
			}
			if !f.work.repeatableInstr(instr, sites) {
				return false
			}
			if call, ok := instr.(ssa.CallInstruction); ok && actsBeside(sites[call], check) {
				acts = true
			}
		}
	}
	return acts
}

// ClaimsBeforeWork reports whether act, the check's write, runs before the store
// work the check gates (inflight.Store(id, now); defer inflight.Delete(id); then
// SREM): the map is then a claim held while the work runs, not a memo of work
// done, and two deliveries that both pass the check run at once, which is what
// the claim was written to stop. A memo records "done" after the work.
func (f *Func) ClaimsBeforeWork(check, act *Effect, t *flow.Taint) bool {
	sites := sitesOf(f)
	for _, b := range f.Fn.Blocks {
		if t.Gate(b) == nil {
			continue
		}
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && call != act.Site && actsBeside(sites[call], check) &&
				flow.Before(act.Site, call) { // a helper doing both (enqueue: ZADD, then SET) orders them itself
				return true
			}
		}
	}
	return false
}

// sitesOf indexes f's effects by the call that performs them.
func sitesOf(f *Func) map[ssa.CallInstruction][]*Effect {
	sites := map[ssa.CallInstruction][]*Effect{}
	for _, e := range f.Effects {
		sites[e.Site] = append(sites[e.Site], e)
	}
	return sites
}

// actsOnStore reports a write to a shared store: the action a memo remembers. A
// map that only marks itself ("if !seen[id] { seen[id] = true }") memoizes nothing;
// its caller's work is what it decides.
func actsOnStore(es []*Effect) bool {
	for _, e := range es {
		if e.Kind != model.Read && e.Store != model.Map && e.Store != model.Local {
			return true
		}
	}
	return false
}

// actsBeside reports a write to a shared store other than the checked key: the
// work a memo or a throttle stands in front of. A check whose branch only writes
// its own key (EXISTS then SET of one marker) is the check-then-act itself.
func actsBeside(es []*Effect, check *Effect) bool {
	checked := map[string]bool{}
	for _, k := range check.CanonKeys() {
		checked[k] = true
	}
	for _, e := range es {
		if !actsOnStore([]*Effect{e}) {
			continue
		}
		if len(e.Keys) == 0 {
			if e.Kind.Repeatable(e.Store, e.Statement) {
				return true // CREATE TABLE IF NOT EXISTS names no key: not the checked one
			}
			continue
		}
		other := true
		for _, k := range e.CanonKeys() {
			if checked[k] {
				other = false
			}
		}
		if other {
			return true
		}
	}
	return false
}

// repeatableWork reports whether fn, a function of this package, does only work
// that a second run leaves as the first left it (repeatableHelper): repeatable
// store operations, computation and logging, and helpers of the same kind. A
// periodic enqueuer's enqueue() that ZADDs members with deterministic ids and SETs
// a timestamp is such a helper; one that pushes, publishes, inserts or charges is not.
func (c *collector) repeatableWork(fn *ssa.Function) bool {
	fn = origin(fn)
	if v, ok := c.repeatable[fn]; ok {
		return v
	}
	c.repeatable[fn] = false // recursion: not proven
	if fn.Pkg == nil || fn.Pkg.Pkg != c.pass.Pkg || len(fn.Blocks) == 0 || len(c.busy) >= maxNesting {
		return false
	}
	f := c.funcOf(fn)
	sites := sitesOf(f)
	ok := true
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, isRet := instr.(*ssa.Return); isRet {
				continue // a helper's result is its caller's to branch on
			}
			if !c.repeatableInstr(instr, sites) {
				ok = false
			}
		}
	}
	c.repeatable[fn] = ok
	return ok
}

func (c *collector) repeatableInstr(instr ssa.Instruction, sites map[ssa.CallInstruction][]*Effect) bool {
	switch x := instr.(type) {
	case *ssa.Go, *ssa.Send:
		return false // a goroutine started or a message handed on runs again
	case ssa.CallInstruction:
		return c.repeatableCall(x, sites)
	}
	return true
}

// repeatableCall reports whether call is a repeatable modeled operation, a helper
// that does only repeatable work, computation (a builtin, an inert standard-library
// call, a library call that sends nothing, an interface method that only computes
// a value), an accessor of a modeled operation's result, or builds an error that is
// returned.
func (c *collector) repeatableCall(call ssa.CallInstruction, sites map[ssa.CallInstruction][]*Effect) bool {
	common := call.Common()
	callee := common.StaticCallee()
	if es := shared(sites[call]); len(es) > 0 {
		for _, e := range es {
			if !e.Kind.Repeatable(e.Store, e.Statement) || e.Op == nil && !c.repeatableHelper(callee) {
				return false // a closure or a helper that may do more than its store effects
			}
		}
		return true
	}
	if _, ok := common.Value.(*ssa.Builtin); ok {
		return true
	}
	if recv := receiver(common); recv != nil {
		if c, ok := embeddedIn(recv).(ssa.CallInstruction); ok && sites[c] != nil && modeled(sites[c]) {
			return true // cmd.Err(), cmd.Result() on the operation's own result
		}
	}
	if v, ok := call.(*ssa.Call); ok && wrapsError(common) && onlyReturned(v, 4) {
		return true
	}
	if c.table.Model.Resolve(call, model.Env{Prepared: c.preparedStored}) != nil {
		return false // a modeled call whose operation is not known (redigo Do("LPOP", k))
	}
	if common.IsInvoke() {
		return model.Plumbing(common.Method) || computes(common)
	}
	return callee != nil && c.computation(callee)
}

// repeatableHelper reports a helper summarized as doing only repeatable work: of
// this package, or of another through its fact.
func (c *collector) repeatableHelper(fn *ssa.Function) bool {
	if fn == nil || fn.Parent() != nil {
		return false
	}
	if fn.Pkg != nil && fn.Pkg.Pkg == c.pass.Pkg {
		return c.repeatableWork(fn)
	}
	s := c.summaryOf(fn)
	return s != nil && s.Repeatable
}

// computation reports a call that changes nothing another delivery sees: an inert
// standard-library function (fmt, encoding/json, time), a library function that
// sends nothing (model.Plumbing), or a function of this package that does only
// repeatable work.
func (c *collector) computation(fn *ssa.Function) bool {
	if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != nil {
		if model.Inert(obj.Pkg().Path()) || model.Plumbing(obj) {
			return true
		}
	}
	return fn.Parent() == nil && fn.Pkg != nil && fn.Pkg.Pkg == c.pass.Pkg && visible(fn) && c.repeatableWork(fn)
}

// visible reports a function that does something a reader can see: it calls
// something or returns a value. An empty body (func charge(string) error { return
// nil }) is a stub of work whose real body is elsewhere, not computation.
func visible(fn *ssa.Function) bool {
	if fn.Signature.Results().Len() > 0 && !isError(fn.Signature.Results().At(0).Type()) {
		return true
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(ssa.CallInstruction); ok {
				return true
			}
		}
	}
	return false
}

// computes reports an interface method that returns values and no error
// (schedule.Next(t)): it computes; a method that reports a failure or returns
// nothing does work.
func computes(common *ssa.CallCommon) bool {
	res := common.Signature().Results()
	if res.Len() == 0 {
		return false
	}
	for i := range res.Len() {
		if isError(res.At(i).Type()) {
			return false
		}
	}
	return true
}

// wrapsError reports a call that makes an error out of another one
// (fmt.Errorf("...: %w", err), errors.E(op, &CommandError{Err: err})): it reports a
// failure. A call that returns an error of its own making (process(msg)) does work.
func wrapsError(common *ssa.CallCommon) bool {
	res := common.Signature().Results()
	if res.Len() != 1 || !isError(res.At(0).Type()) {
		return false
	}
	for _, a := range common.Args {
		if carriesError(a) {
			return true
		}
	}
	return false
}

// carriesError reports an argument that is an error, the variadic slice or the
// struct literal an error is stored into.
func carriesError(a ssa.Value) bool {
	a = ssautil.Unwrap(a)
	if implementsError(a.Type()) {
		return true // err, or &CommandError{...} boxed into an error
	}
	if s, ok := a.(*ssa.Slice); ok {
		a = s.X
	}
	alloc, ok := a.(*ssa.Alloc)
	if !ok {
		return false
	}
	for _, ref := range *alloc.Referrers() {
		var addr ssa.Value
		switch r := ref.(type) {
		case *ssa.FieldAddr:
			addr = r
		case *ssa.IndexAddr:
			addr = r
		default:
			continue
		}
		for _, st := range *addr.Referrers() {
			if st, ok := st.(*ssa.Store); ok && implementsError(ssautil.Unwrap(st.Val).Type()) {
				return true
			}
		}
	}
	return false
}

// shared drops process-local locks (a logger's or an error package's sync.Mutex):
// they change nothing another delivery sees.
func shared(es []*Effect) []*Effect {
	var out []*Effect
	for _, e := range es {
		if e.Store != model.Local {
			out = append(out, e)
		}
	}
	return out
}

func modeled(es []*Effect) bool {
	for _, e := range es {
		if e.Op == nil {
			return false
		}
	}
	return true
}

// receiver is the value a method call is made on, or nil.
func receiver(common *ssa.CallCommon) ssa.Value {
	if common.IsInvoke() {
		return common.Value
	}
	if fn := common.StaticCallee(); fn != nil && fn.Signature.Recv() != nil && len(common.Args) > 0 {
		return common.Args[0]
	}
	return nil
}

// embeddedIn is the value whose embedded field v selects (&cmd.baseCmd for a
// promoted method), or v.
func embeddedIn(v ssa.Value) ssa.Value {
	for {
		v = ssautil.FieldOf(v)
		load, ok := v.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			return v
		}
		v = load.X
	}
}

// onlyReturned reports whether v leaves the function only through returns, directly
// or wrapped (fmt.Errorf("...: %w", err), errors.E(op, err)): an error being built.
func onlyReturned(v ssa.Value, depth int) bool {
	refs := v.Referrers()
	if depth == 0 || refs == nil || len(*refs) == 0 {
		return false
	}
	for _, ref := range *refs {
		switch r := ref.(type) {
		case *ssa.Return, *ssa.DebugRef:
		case *ssa.MakeInterface, *ssa.ChangeType, *ssa.Phi, *ssa.Call: // wrapped or merged on its way out
			if !onlyReturned(r.(ssa.Value), depth-1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// reportsNothing reports whether a return tells the caller nothing the check
// decided: the function returns no value but errors, or this return is a failure
// (a non-nil error). A return of true or of a fresh result is a decision the
// caller may act on (func firstTime(id) bool).
func reportsNothing(ret *ssa.Return) bool {
	res := ret.Parent().Signature.Results()
	failing, plain := false, true
	for i, v := range ret.Results {
		if !isError(res.At(i).Type()) {
			plain = false
			continue
		}
		if c, ok := v.(*ssa.Const); !ok || !c.IsNil() {
			failing = true
		}
	}
	return failing || plain
}

func isError(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }

func implementsError(t types.Type) bool {
	return types.Implements(t, types.Universe.Lookup("error").Type().Underlying().(*types.Interface))
}
