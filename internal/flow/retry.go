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
			for _, ref := range *mc.Referrers() {
				if call, ok := ref.(ssa.CallInstruction); ok && model.RetryHelper(model.Callee(call.Common())) {
					return true
				}
			}
		}
	}
	return false
}
