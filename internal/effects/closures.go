package effects

// This file runs closures where they are called and passes on what their caller
// guarantees: a serializable transaction, a held lock, a Watch.

import (
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/keyexpr"
	"github.com/idemlint/idemlint/internal/model"
)

// inlineClosure adds the effects of a closure that runs at call (a callback, a
// goroutine, an immediately called func literal).
//
// Writes queued under Watch are guarded against checks inside the Watch callback
// only: seen from outside Watch they are not, since a check made before Watch
// starts is not protected by it (a check and act both inside the callback share
// one Site and are never paired out here).
func (c *collector) inlineClosure(f *Func, call ssa.CallInstruction, fv ssa.Value, args []ssa.Value) {
	cl := closureFunc(fv)
	if cl == nil || cl.Parent() == nil || cl == f.Fn {
		return
	}
	inner := c.funcOf(cl)
	b := c.keys(f.Fn)
	bind := &keyexpr.Binding{Site: f.Fn.String() + "@" + strconv.Itoa(int(call.Pos()))}
	for _, a := range args {
		bind.Params = append(bind.Params, b.Of(a))
	}
	if mc, ok := fv.(*ssa.MakeClosure); ok {
		for _, v := range mc.Bindings {
			bind.Free = append(bind.Free, b.Of(v))
			bind.FreeLd = append(bind.FreeLd, b.LoadOf(v))
		}
	}
	for _, ie := range inner.Effects {
		if ie.Depth >= maxDepth {
			continue
		}
		e := &Effect{Core: ie.Core, Site: call, At: ie.Pos()}
		e.Guarded = f.Guarded || ie.Guarded && !c.startsWatch(call)
		e.Keys = substKeys(ie.Keys, bind)
		f.Effects = append(f.Effects, e)
	}
}

// startsWatch reports whether call is go-redis Watch(ctx, fn, keys...).
func (c *collector) startsWatch(call ssa.CallInstruction) bool {
	row := c.table.Model.Lookup(model.Callee(call.Common()))
	return row != nil && row.Kind == model.Atomic && row.Callback != No
}

// hasFuncParam reports whether fn takes a func: a transaction helper runs it.
func hasFuncParam(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		if _, ok := p.Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}

// markSerializable records that a closure, and those nested in it, run inside a
// serializable transaction opened by the helper it is passed to.
func (c *collector) markSerializable(fn *ssa.Function) {
	c.funcOf(fn).Serializable = true
	for _, anon := range fn.AnonFuncs {
		c.markSerializable(anon)
	}
}

// holdLockInClosures records that the closures passed at call run while l is held:
// a lock helper (WithLock) or a declared lock that takes the work as a func.
func (c *collector) holdLockInClosures(call ssa.CallInstruction, l *Effect) {
	for _, a := range call.Common().Args {
		if cl := closureFunc(a); cl != nil && cl.Parent() != nil {
			c.holdLock(cl, l)
		}
	}
}

func (c *collector) holdLock(fn *ssa.Function, l *Effect) {
	f := c.funcOf(fn)
	f.HeldLocks = append(f.HeldLocks, l)
	for _, anon := range fn.AnonFuncs {
		c.holdLock(anon, l)
	}
}

// lockAroundCallback returns the store of a lock that f holds when it calls one of
// its func parameters, or 0: taken before the call, not released in between (a
// deferred Unlock runs after it).
func lockAroundCallback(f *Func) model.Store {
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isParam := call.Common().Value.(*ssa.Parameter); !isParam {
				continue
			}
			for _, l := range f.Effects {
				if f.HeldLock(l) && flow.Before(l.Site, call) && !unlockedBetween(f, l, call) {
					return l.Store
				}
				if claimGates(l, call) {
					return l.Store // if !SetNX(ctx, "lock:"+name, ...) { return ErrLocked }; return fn()
				}
			}
		}
	}
	return 0
}

func unlockedBetween(f *Func, l *Effect, call ssa.Instruction) bool {
	for _, u := range f.Effects {
		if _, deferred := u.Site.(*ssa.Defer); u.Kind != model.Unlock || deferred {
			continue
		}
		if flow.Between(l.Site, call, u.Site) {
			return true
		}
	}
	return false
}

// claimGates reports a claim whose result decides whether call runs: a lock made
// of SET NX around the work.
func claimGates(l *Effect, call ssa.CallInstruction) bool {
	v, ok := l.Site.(ssa.Value)
	if l.Kind != model.Claim || !ok || l.At.IsValid() {
		return false
	}
	return flow.Forward(v).Gate(call.Block()) != nil
}

// substKeys is keys seen from a call site: the callee's parameters and free
// variables replaced by what bind gives them there; keys that cannot be said
// there are dropped.
func substKeys(keys []*keyexpr.Key, bind *keyexpr.Binding) []*keyexpr.Key {
	var out []*keyexpr.Key
	for _, k := range keys {
		if sk := keyexpr.Subst(k, bind); sk != nil {
			out = append(out, sk)
		}
	}
	return out
}
