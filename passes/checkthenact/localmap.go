package checkthenact

// This file exempts a map no other goroutine can reach: a check-then-act on it
// cannot interleave with anything.

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/model"
)

// unsharedMap reports a check and act on one map that is a local variable of the
// function and is used only as the receiver of its own methods (`var printed
// sync.Map; ... printed.Load(id) ... printed.Store(id, true)`): no closure,
// goroutine, callee or struct holds it, so every call of the function has its
// own map and only the goroutine running that call touches it. Nothing can pass
// the check between another's check and act, whatever goroutines the function
// starts for other work.
func unsharedMap(check, act *effects.Effect) bool {
	if check.Store != model.Map || check.Op == nil || act.Op == nil || check.Op.Recv != act.Op.Recv {
		return false
	}
	local, ok := check.Op.Recv.(*ssa.Alloc)
	if !ok || local.Parent() != check.Site.Parent() {
		return false
	}
	for _, ref := range *local.Referrers() {
		if _, debug := ref.(*ssa.DebugRef); debug {
			continue
		}
		if !receiverOnly(ref, local) {
			return false
		}
	}
	return true
}

// receiverOnly reports whether ref calls a method of local's own type with local
// as the receiver, and passes it nowhere else.
func receiverOnly(ref ssa.Instruction, local *ssa.Alloc) bool {
	call, ok := ref.(ssa.CallInstruction)
	if !ok {
		return false
	}
	common := call.Common()
	callee := common.StaticCallee()
	if callee == nil || callee.Signature.Recv() == nil || len(common.Args) == 0 || common.Args[0] != local ||
		!types.Identical(callee.Signature.Recv().Type(), local.Type()) {
		return false
	}
	for _, a := range common.Args[1:] {
		if a == local {
			return false
		}
	}
	return true
}
