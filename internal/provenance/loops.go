package provenance

import (
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/ssautil"
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
		return flow.Retried(fn) && inside(use.Parent(), fn)
	}
	if flow.Retried(fn) {
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

// inLoop reports whether b is in the loop headed by h: h dominates b, and b leads
// back to h inside the loop.
func inLoop(h, b *ssa.BasicBlock) bool {
	if !h.Dominates(b) {
		return false
	}
	outside := func(x *ssa.BasicBlock) bool { return !h.Dominates(x) }
	for _, s := range b.Succs {
		if ssautil.Reaches(s, h, outside) {
			return true
		}
	}
	return false
}
