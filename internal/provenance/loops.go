package provenance

import (
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
)

// PerAttempt reports whether a value made at made is made anew for each attempt
// of the operation at use: both in one loop that repeats one operation (a
// three-clause for or a bare for, not a range over items), or made inside a func
// literal handed to a retry helper.
func PerAttempt(made, use ssa.Instruction) bool {
	if made == nil || use == nil || made.Block() == nil || use.Block() == nil {
		return false
	}
	fn := made.Parent()
	if fn != use.Parent() {
		return retried(fn) && inside(use.Parent(), fn)
	}
	if retried(fn) {
		return true
	}
	for _, h := range fn.Blocks {
		if retryLoop(h) && inLoop(h, made.Block()) && inLoop(h, use.Block()) {
			return true
		}
	}
	return false
}

// inside reports whether fn is nested in outer (or is outer).
func inside(fn, outer *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if fn == outer {
			return true
		}
	}
	return false
}

// retryLoop reports whether h heads a loop that may repeat one operation.
func retryLoop(h *ssa.BasicBlock) bool {
	back := false
	for _, p := range h.Preds {
		if h.Dominates(p) {
			back = true
		}
	}
	if !back {
		return false
	}
	for _, p := range []string{"rangeindex", "rangeiter", "rangechan", "rangefunc", "rangeint"} {
		if strings.HasPrefix(h.Comment, p) {
			return false // a range visits different items: each is its own operation
		}
	}
	return true
}

// inLoop reports whether b is in the loop headed by h.
func inLoop(h, b *ssa.BasicBlock) bool {
	if !h.Dominates(b) {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{}
	work := []*ssa.BasicBlock{b}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range x.Succs {
			if s == h {
				return true
			}
			if !seen[s] && h.Dominates(s) {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// retried reports whether fn is a func literal handed to a retry helper.
func retried(fn *ssa.Function) bool {
	parent := fn.Parent()
	if parent == nil {
		return false
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn {
				continue
			}
			for _, ref := range *mc.Referrers() {
				if call, ok := ref.(ssa.CallInstruction); ok && model.RetryHelper(model.Callee(call.Common())) {
					return true
				}
			}
		}
	}
	return false
}
