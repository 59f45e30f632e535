package checkthenact

// This file exempts one shape that is not a delivery: a loop that takes the
// program's own messages from a channel one at a time.

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/model"
)

// singleConsumer reports a check and act on a process-local map made in the body
// of a loop that receives from a channel of the program's own messages (not a
// broker's deliveries) and starts no goroutine: one message is handled after the
// other, so nothing interleaves the check and the act, and nothing is redelivered.
// A loop that consumes a queue (amqp091 deliveries, sarama messages) is a delivery;
// a Redis or SQL key is still shared with the other replicas' loops; a loop started
// in several goroutines of this package (a worker pool) is concurrent.
func singleConsumer(funcs []*ssa.Function, f *effects.Func, check, act *effects.Effect) bool {
	if check.Store != model.Map || check.At.IsValid() || act.At.IsValid() || startsGoroutine(f.Fn) {
		return false
	}
	if startedInLoop(funcs, f.Fn) {
		return false
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			ch, ok := received(instr)
			if !ok || deliveries(ch) || !inLoop(b) {
				continue
			}
			if b.Dominates(check.Site.Block()) && b.Dominates(act.Site.Block()) {
				return true
			}
		}
	}
	return false
}

// received returns the channel type instr receives from.
func received(instr ssa.Instruction) (types.Type, bool) {
	switch x := instr.(type) {
	case *ssa.UnOp:
		if x.Op == token.ARROW {
			return x.X.Type(), true
		}
	case *ssa.Select:
		for _, st := range x.States {
			if st.Dir == types.RecvOnly {
				return st.Chan.Type(), true
			}
		}
	}
	return nil, false
}

// deliveries reports a channel of a broker's messages: a queue consumer.
func deliveries(chanType types.Type) bool {
	ch, ok := chanType.Underlying().(*types.Chan)
	if !ok {
		return true // unknown: assume the worst
	}
	e := model.EntryType(ch.Elem())
	return e != nil && e.Shape == model.MessageChan
}

func startsGoroutine(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Go); ok {
				return true
			}
		}
	}
	return false
}

// inLoop reports whether b can run again after itself.
func inLoop(b *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == b {
			return true
		}
		if !seen[x] {
			seen[x] = true
			work = append(work, x.Succs...)
		}
	}
	return false
}

// startedInLoop reports whether a go statement among funcs (the package's, closures
// included) that runs fn sits in a loop: several goroutines consume one channel.
func startedInLoop(funcs []*ssa.Function, fn *ssa.Function) bool {
	for _, in := range funcs {
		for _, b := range in.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok && g.Call.StaticCallee() == fn && inLoop(b) {
					return true
				}
			}
		}
	}
	return false
}

// cliCommand reports a check and act in a command-line command's action (a function
// that takes *cli.Context or *cobra.Command, or a closure inside one): an operator
// runs it once, nothing redelivers it. A command that consumes a broker's
// deliveries in the same function is a consumer, and is checked.
func cliCommand(f *effects.Func) bool {
	for fn := f.Fn; fn != nil; fn = fn.Parent() {
		for _, p := range fn.Params {
			if model.CLIContext(p.Type()) {
				return !consumesDeliveries(fn)
			}
		}
	}
	return false
}

// consumesDeliveries reports a receive of a broker's deliveries in fn.
func consumesDeliveries(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ch, ok := received(instr); ok && deliveries(ch) {
				return true
			}
		}
	}
	return false
}
