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

// GatesOnlyRepeatable reports whether every block the check (whose taint is t)
// decides does only repeatable work, and some of it on a shared store: modeled store operations that are repeatable
// (model.Kind.Repeatable), accessors of their results (cmd.Err()), builtins,
// errors built only to be returned, and returns that report a failure or nothing.
// Any other call (charge(order), process(), a helper), a goroutine or a channel
// send is work the check may be deduplicating.
func (f *Func) GatesOnlyRepeatable(t *flow.Taint) bool {
	sites := map[ssa.CallInstruction][]*Effect{}
	for _, e := range f.Effects {
		sites[e.Site] = append(sites[e.Site], e)
	}
	acts := false
	for _, b := range f.Fn.Blocks {
		if t.Gate(b) == nil {
			continue
		}
		for _, instr := range b.Instrs {
			if !repeatableInstr(instr, sites) {
				return false
			}
			if call, ok := instr.(ssa.CallInstruction); ok && actsOnStore(sites[call]) {
				acts = true
			}
		}
	}
	return acts
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

func repeatableInstr(instr ssa.Instruction, sites map[ssa.CallInstruction][]*Effect) bool {
	switch x := instr.(type) {
	case *ssa.Go, *ssa.Send:
		return false // a goroutine started or a message handed on runs again
	case *ssa.Return:
		return reportsNothing(x)
	case ssa.CallInstruction:
		return repeatableCall(x, sites)
	}
	return true
}

// repeatableCall reports whether call is a repeatable modeled operation, a builtin,
// an accessor of a modeled operation's result, or builds an error that is returned.
func repeatableCall(call ssa.CallInstruction, sites map[ssa.CallInstruction][]*Effect) bool {
	if es := shared(sites[call]); len(es) > 0 {
		for _, e := range es {
			if e.Op == nil || !e.Kind.Repeatable(e.Store) {
				return false // a helper or closure may do more than its store effects
			}
		}
		return true
	}
	common := call.Common()
	if _, ok := common.Value.(*ssa.Builtin); ok {
		return true
	}
	if recv := receiver(common); recv != nil {
		if c, ok := embeddedIn(recv).(ssa.CallInstruction); ok && sites[c] != nil && modeled(sites[c]) {
			return true // cmd.Err(), cmd.Result() on the operation's own result
		}
	}
	v, ok := call.(*ssa.Call)
	return ok && wrapsError(common) && onlyReturned(v, 4)
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
