package headermismatch

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// perAttempt reports whether the value that send a sets is visibly built anew on
// every attempt: from a loop-carried variable (the attempt counter) or a parameter
// named like one, or from time.Now or a fresh random id (uuid.New) made inside the
// loop, or the retried function, that also sends. Such a header changes on every
// retry, so it is no dedup key to recommend. Anything less visible counts as stable.
func perAttempt(a *headers.Access) bool {
	if a.Sent == nil || a.Instr == nil || a.Instr.Block() == nil {
		return false
	}
	send := a.Instr.Block()
	w := &attemptWalk{send: send, loops: &loopInfo{fn: send.Parent()}, seen: map[ssa.Value]bool{}}
	return w.value(a.Sent, 0)
}

// attemptWalk follows the value a send sets back to what it is made of.
type attemptWalk struct {
	send  *ssa.BasicBlock
	loops *loopInfo
	seen  map[ssa.Value]bool
}

// maxAttemptDepth bounds how far a sent value is followed back.
const maxAttemptDepth = 12

func (w *attemptWalk) value(v ssa.Value, depth int) bool {
	if v == nil || w.seen[v] || depth > maxAttemptDepth {
		return false
	}
	w.seen[v] = true
	switch x := v.(type) {
	case *ssa.Parameter:
		return attemptName(x.Name()) // func send(ctx, attempt int)
	case *ssa.FreeVar:
		return attemptName(x.Name())
	case *ssa.Phi:
		return w.attemptCounter(x) || w.any(x.Edges, depth)
	case *ssa.Call:
		if fresh(&x.Call) {
			return w.mintedPerAttempt(x)
		}
		return w.any(x.Call.Args, depth)
	case *ssa.Slice:
		return w.slice(x, depth)
	case *ssa.UnOp:
		return w.load(x, depth)
	case *ssa.Field:
		return fieldName(x.X.Type(), x.Field, attemptName)
	case *ssa.BinOp:
		return w.value(x.X, depth+1) || w.value(x.Y, depth+1)
	case *ssa.Convert:
		return w.value(x.X, depth+1)
	case *ssa.ChangeType:
		return w.value(x.X, depth+1)
	case *ssa.MakeInterface:
		return w.value(x.X, depth+1)
	case *ssa.Extract:
		return w.value(x.Tuple, depth+1)
	}
	return false
}

func (w *attemptWalk) any(vs []ssa.Value, depth int) bool {
	for _, v := range vs {
		if w.value(v, depth+1) {
			return true
		}
	}
	return false
}

// attemptCounter: a variable carried around the retry loop that sends is the
// attempt counter (for attempt := 0; ...; attempt++), new on every retry.
func (w *attemptWalk) attemptCounter(phi *ssa.Phi) bool {
	return w.loops.retryLoop(phi.Block()) && w.loops.in(phi.Block(), w.send)
}

// mintedPerAttempt: a fresh value (time.Now, uuid.New) made in the function a
// retry helper runs once per attempt, or inside the loop that also sends, differs
// on every retry.
func (w *attemptWalk) mintedPerAttempt(call *ssa.Call) bool {
	return flow.Retried(w.loops.fn) || w.loops.share(call.Block(), w.send)
}

// slice follows a slice of a local array ([]string{v}, a variadic argument) to
// the values stored into it.
func (w *attemptWalk) slice(x *ssa.Slice, depth int) bool {
	if arr, ok := x.X.(*ssa.Alloc); ok {
		for _, ref := range referrers(arr) {
			ia, ok := ref.(*ssa.IndexAddr)
			if !ok {
				continue
			}
			for _, r := range referrers(ia) {
				if st, ok := r.(*ssa.Store); ok && st.Addr == ia && w.value(st.Val, depth+1) {
					return true
				}
			}
		}
	}
	return w.value(x.X, depth+1)
}

// load follows a load: of a local to the value stored once into it, of a field
// to the field's name (req.Attempt).
func (w *attemptWalk) load(x *ssa.UnOp, depth int) bool {
	if x.Op != token.MUL {
		return w.value(x.X, depth+1)
	}
	if al, ok := x.X.(*ssa.Alloc); ok {
		return w.value(ssautil.StoredOnce(al), depth+1)
	}
	if fa, ok := x.X.(*ssa.FieldAddr); ok {
		return fieldName(fa.X.Type(), fa.Field, attemptName)
	}
	return false
}

// attemptName reports whether a variable's name says it counts attempts.
func attemptName(name string) bool { return model.NamesAttempt(name) }

func fieldName(t types.Type, i int, match func(string) bool) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return false
	}
	// A field counting attempts is per attempt; a field "Attempts" holding the
	// limit is not a header value anyone sends.
	return match(st.Field(i).Name())
}

// fresh reports whether call makes a new value each time: time.Now, or a random
// id (uuid.New, uuid.NewString, ulid.Make, xid.New, rand.*).
func fresh(call *ssa.CallCommon) bool {
	return model.Mints(model.Callee(call))
}

// loopInfo answers loop questions about the blocks of one function.
type loopInfo struct {
	fn *ssa.Function
}

// header reports whether b is a loop header: a predecessor it dominates jumps back.
func (l *loopInfo) header(b *ssa.BasicBlock) bool {
	for _, p := range b.Preds {
		if b.Dominates(p) {
			return true
		}
	}
	return false
}

// retryLoop reports whether h heads a loop that may repeat one operation: a
// three-clause for, a bare for, a range over an int. A range over a slice, map or
// channel visits different items; its index is no attempt counter.
func (l *loopInfo) retryLoop(h *ssa.BasicBlock) bool {
	if !l.header(h) {
		return false
	}
	for _, p := range []string{"rangeindex", "rangeiter", "rangechan", "rangefunc"} {
		if strings.HasPrefix(h.Comment, p) {
			return false
		}
	}
	return true
}

// in reports whether b is in the loop headed by h: h dominates b, and b leads back to h.
func (l *loopInfo) in(h, b *ssa.BasicBlock) bool {
	return h.Dominates(b) && ssautil.ReachesAfter(b, h)
}

// share reports whether blocks a and b are in one loop.
func (l *loopInfo) share(a, b *ssa.BasicBlock) bool {
	if a == nil || b == nil {
		return false
	}
	for _, h := range l.fn.Blocks {
		if l.retryLoop(h) && l.in(h, a) && l.in(h, b) {
			return true
		}
	}
	return false
}
