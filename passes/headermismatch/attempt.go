package headermismatch

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/model"
)

// perAttempt reports whether the value that send a sets is visibly built anew on
// every attempt: from a loop-carried variable (the attempt counter) or a parameter
// named like one, or from time.Now or a fresh random id (uuid.New) made inside the
// loop, or the retried function, that also sends. Such a header changes on every
// retry, so it is no dedup key to recommend. Anything less visible counts as stable.
func perAttempt(a *headers.Access) bool {
	if a.Sent == nil || a.Instr == nil {
		return false
	}
	send := a.Instr.Block()
	if send == nil {
		return false
	}
	fn := send.Parent()
	loops := &loopInfo{fn: fn}
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value, depth int) bool
	walk = func(v ssa.Value, depth int) bool {
		if v == nil || seen[v] || depth > 12 {
			return false
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.Const, *ssa.Global, *ssa.Function:
			return false
		case *ssa.Parameter:
			return attemptName(x.Name())
		case *ssa.FreeVar:
			return attemptName(x.Name())
		case *ssa.Phi:
			if loops.retryLoop(x.Block()) && loops.in(x.Block(), send) {
				return true // a loop-carried variable: the attempt counter
			}
			for _, e := range x.Edges {
				if walk(e, depth+1) {
					return true
				}
			}
		case *ssa.Call:
			if fresh(&x.Call) {
				return flow.Retried(fn) || loops.share(x.Block(), send)
			}
			for _, arg := range x.Call.Args {
				if walk(arg, depth+1) {
					return true
				}
			}
		case *ssa.Slice:
			if arr, ok := x.X.(*ssa.Alloc); ok { // []string{v}, a variadic argument
				for _, ref := range referrers(arr) {
					if ia, ok := ref.(*ssa.IndexAddr); ok {
						for _, r := range referrers(ia) {
							if st, ok := r.(*ssa.Store); ok && st.Addr == ia && walk(st.Val, depth+1) {
								return true
							}
						}
					}
				}
			}
			return walk(x.X, depth+1)
		case *ssa.UnOp:
			if x.Op == token.MUL {
				if al, ok := x.X.(*ssa.Alloc); ok {
					return walk(onlyStore(al), depth+1)
				}
				if fa, ok := x.X.(*ssa.FieldAddr); ok {
					return fieldName(fa.X.Type(), fa.Field, attemptName)
				}
				return false
			}
			return walk(x.X, depth+1)
		case *ssa.Field:
			return fieldName(x.X.Type(), x.Field, attemptName)
		case *ssa.BinOp:
			return walk(x.X, depth+1) || walk(x.Y, depth+1)
		case *ssa.Convert:
			return walk(x.X, depth+1)
		case *ssa.ChangeType:
			return walk(x.X, depth+1)
		case *ssa.MakeInterface:
			return walk(x.X, depth+1)
		case *ssa.Extract:
			return walk(x.Tuple, depth+1)
		}
		return false
	}
	return walk(a.Sent, 0)
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
	return h.Dominates(b) && reaches(b, h)
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

// reaches reports whether there is a path of one or more edges from a to b.
func reaches(a, b *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), a.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == b {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		work = append(work, x.Succs...)
	}
	return false
}
