package checkthenact

// This file exempts one shape that is not a delivery: a loop that takes the
// program's own messages from a channel one at a time.

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/keyexpr"
	"github.com/idemlint/idemlint/internal/model"
)

// singleConsumer reports a check and act on a process-local map made in the body
// of a loop that receives from a channel of the program's own messages (not a
// broker's deliveries) and starts no second writer of the map: one message is
// handled after the other, so nothing interleaves the check and the act, and nothing
// is redelivered. A loop that consumes a queue (amqp091 deliveries, sarama
// messages) is a delivery; a Redis or SQL key is still shared with the other
// replicas' loops; a loop started in several goroutines of this package (a worker
// pool) is concurrent.
func singleConsumer(funcs []*ssa.Function, f *effects.Func, check, act *effects.Effect) bool {
	if check.Store != model.Map || check.At.IsValid() || act.At.IsValid() || startsWriter(f, check) {
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

// startsWriter reports a goroutine started in f that may write the checked map
// while the loop runs: one that runs code we cannot follow (a func value, an
// interface method, a function of another package), or whose effects write the
// map (go func() { m.Store(k, v) }()). A goroutine that only reads the map, or
// deletes from it (a topic's init that drops the topic when it fails), cannot make
// two of the loop's checks both miss and act: a hub that puts a new topic and then
// starts `go topicInit(t)` is still the map's one writer.
func startsWriter(f *effects.Func, check *effects.Effect) bool {
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok && (opaqueGoroutine(f.Fn, g) || writesMap(f, g, check)) {
				return true
			}
		}
	}
	return false
}

// opaqueGoroutine reports a goroutine whose code is not this package's own.
func opaqueGoroutine(fn *ssa.Function, g *ssa.Go) bool {
	callee := g.Call.StaticCallee()
	return callee == nil || callee.Pkg == nil || callee.Pkg != fn.Pkg
}

// writesMap reports an effect of the goroutine g that writes the map check reads,
// under any key: a key spelled through the goroutine's parameters may be the
// checked one under another name.
func writesMap(f *effects.Func, g *ssa.Go, check *effects.Effect) bool {
	maps := mapsOf(check)
	for _, e := range f.Effects {
		if e.Site != ssa.CallInstruction(g) || e.Store != check.Store || e.Kind == model.Read || e.Kind == model.Delete {
			continue
		}
		written := mapsOf(e)
		if len(written) == 0 {
			return true // a write we cannot place: assume the checked map
		}
		for m := range written {
			if maps[m] {
				return true
			}
		}
	}
	return false
}

// mapsOf returns the canonical text of the maps e's keys index.
func mapsOf(e *effects.Effect) map[string]bool {
	out := map[string]bool{}
	for _, k := range e.Keys {
		if k.Op == keyexpr.Map && len(k.Args) > 0 {
			out[k.Args[0].Canon()] = true
		}
	}
	return out
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

// libraryCache reports a check and act on a process-local map that both happen
// inside code of another module (xorm's Session.Table reads and fills its own
// table cache; encoding/binary's Size and Write share a struct-size cache): the
// library's memo of its own work, which its callers neither decide nor dedup by.
// A map of this module, also one behind a helper of another of its packages, is
// still checked.
func libraryCache(pass *analysis.Pass, check, act *effects.Effect) bool {
	return check.Store == model.Map && foreignCode(pass, check) && foreignCode(pass, act)
}

// foreignCode reports an operation performed in a helper of another module.
func foreignCode(pass *analysis.Pass, e *effects.Effect) bool {
	if e.Op != nil || pass.Module == nil || pass.Module.Path == "" {
		return false // performed here, or the module is not known
	}
	fn := model.Callee(e.Site.Common())
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path, mod := fn.Pkg().Path(), pass.Module.Path
	return path != mod && !strings.HasPrefix(path, mod+"/")
}
