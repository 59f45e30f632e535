package flow

import (
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
)

// Retried reports whether fn is a function literal handed to a retry helper
// (retry.Do(func() error {...}), backoff.Retry(op, ...)): its body is one attempt.
func Retried(fn *ssa.Function) bool {
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
			if passedToRetry(mc, 0) {
				return true
			}
		}
	}
	return false
}

// passedToRetry reports whether v (a func value, or its conversion to a named func
// type such as retry.RetryableFunc) is an argument of a retry helper.
func passedToRetry(v ssa.Value, depth int) bool {
	refs := v.Referrers()
	if refs == nil || depth > 2 {
		return false
	}
	for _, ref := range *refs {
		switch x := ref.(type) {
		case ssa.CallInstruction:
			if model.RetryHelper(model.Callee(x.Common())) {
				return true
			}
		case *ssa.ChangeType:
			if passedToRetry(x, depth+1) {
				return true
			}
		case *ssa.MakeInterface:
			if passedToRetry(x, depth+1) {
				return true
			}
		}
	}
	return false
}
