package headermismatch

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/model"
)

// dedupEffect returns the store operation of fn whose key the header value v
// reaches: a claim, a check, or a dedup marker (the model decides which calls are
// which; helpers count through their effects summaries). A header that reaches
// none is read for logging or tracing, not as a dedup key.
func (c *checker) dedupEffect(fn *ssa.Function, v ssa.Value) (*effects.Effect, bool) {
	if v == nil || feedsVerification(v) {
		return nil, false
	}
	tainted := reach(v)
	var effs []*effects.Effect
	if f := c.effects.Funcs[fn]; f != nil {
		effs = f.Effects
	}
	for _, e := range effs {
		if isDedup(e) && keyTainted(e, tainted) {
			return e, true
		}
	}
	return nil, sharedMapKeyed(fn, tainted)
}

// sharedMapKeyed reports whether a tainted value indexes a Go map held in a field
// or a package variable: an in-process dedup store (seen[key], seen[key] = true),
// which the store model leaves to sync.Map.
func sharedMapKeyed(fn *ssa.Function, tainted map[ssa.Value]bool) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Lookup:
				if tainted[x.Index] && sharedMap(x.X) {
					return true
				}
			case *ssa.MapUpdate:
				if tainted[x.Key] && sharedMap(x.Map) {
					return true
				}
			}
		}
	}
	return false
}

// sharedMap reports whether m is a map loaded from a struct field or a package
// variable, and not a header map.
func sharedMap(m ssa.Value) bool {
	if _, ok := m.Type().Underlying().(*types.Map); !ok || headers.IsHeaderMap(m.Type()) {
		return false
	}
	load, ok := m.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	switch load.X.(type) {
	case *ssa.FieldAddr, *ssa.Global:
		return true
	}
	return false
}

// feedsVerification reports whether v (a signature header) is passed to a
// provider's verification function: what that returns is the verified body, and
// the event id in it is no longer the header's value.
func feedsVerification(v ssa.Value) bool {
	for _, x := range append([]ssa.Value{v}, conversions(v)...) {
		for _, ref := range referrers(x) {
			if call, ok := ref.(ssa.CallInstruction); ok && verifies(call, 2) {
				return true
			}
		}
	}
	return false
}

// verifies reports a call of a provider's verification function, or of a wrapper
// that calls one (a function of this package, or an interface method whose
// implementations in this package do: s.stripe.ConstructWebhookEvent(body, sig,
// secret) over a shim that calls webhook.ConstructEvent). The signature header it
// takes is checked, not kept: a retry sends a new one, and the handler dedups on
// the verified event, if at all.
func verifies(call ssa.CallInstruction, depth int) bool {
	if fn := model.Callee(call.Common()); fn != nil && headers.VerifiedBy(fn.FullName()) != nil {
		return true
	}
	if depth == 0 {
		return false
	}
	for _, body := range bodies(call) {
		for _, b := range body.Blocks {
			for _, instr := range b.Instrs {
				if inner, ok := instr.(ssa.CallInstruction); ok && verifies(inner, depth-1) {
					return true
				}
			}
		}
	}
	return false
}

// bodies are the functions of the caller's package a call may run: its static
// callee, or the implementations of an interface method by the package's types.
func bodies(call ssa.CallInstruction) []*ssa.Function {
	common := call.Common()
	if fn := common.StaticCallee(); fn != nil {
		return []*ssa.Function{fn}
	}
	caller := call.Parent()
	if !common.IsInvoke() || caller.Pkg == nil {
		return nil
	}
	iface, ok := common.Value.Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var out []*ssa.Function
	scope := caller.Pkg.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || types.IsInterface(tn.Type()) {
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(t, iface) {
				continue
			}
			if sel := caller.Prog.MethodSets.MethodSet(t).Lookup(common.Method.Pkg(), common.Method.Name()); sel != nil {
				if fn := caller.Prog.MethodValue(sel); fn != nil {
					out = append(out, fn)
				}
			}
			break
		}
	}
	return out
}

// conversions are the conversions of v ([]byte(sig)).
func conversions(v ssa.Value) []ssa.Value {
	var out []ssa.Value
	for _, ref := range referrers(v) {
		if c, ok := ref.(*ssa.Convert); ok {
			out = append(out, c)
		}
	}
	return out
}

// isDedup reports whether e is an operation a dedup is built of. A process-local
// mutex (log.Printf takes one) is not.
func isDedup(e *effects.Effect) bool {
	if e.Store == model.Local || (e.Op == nil && len(e.Keys) == 0 && e.Kind != model.Claim) {
		return false
	}
	switch e.Kind {
	case model.Claim, model.Atomic, model.Lock, model.Read, model.Incr:
		return true
	case model.Write:
		if !e.Store.Records() {
			return e.Marker // SET seen:<key> 1: a marker, not a cached value
		}
		for _, k := range e.Keys {
			if model.DedupTable(k.Lit) {
				return true
			}
		}
	}
	return false
}

// keyTainted reports whether a tainted value is e's key (or an argument of the
// helper that performs e).
func keyTainted(e *effects.Effect, tainted map[ssa.Value]bool) bool {
	if op := e.Op; op != nil {
		if (op.Key != nil && tainted[op.Key]) || (op.Field != nil && tainted[op.Field]) {
			return true
		}
		if op.SQL == nil {
			return false
		}
		for col, i := range op.SQL.Keys {
			if i < len(op.SQLArgs) && tainted[op.SQLArgs[i]] &&
				(e.Kind != model.Write || model.DedupTable(op.SQL.Table+"."+col)) {
				return true
			}
		}
		return false
	}
	common := e.Site.Common()
	vals := append([]ssa.Value{common.Value}, common.Args...)
	for _, v := range vals {
		if tainted[v] {
			return true
		}
		if mc, ok := v.(*ssa.MakeClosure); ok {
			for _, b := range mc.Bindings {
				if tainted[b] {
					return true
				}
			}
		}
	}
	return false
}

// reach is flow.Forward extended through what a key is usually built with: a
// variadic argument (fmt.Sprintf("idem:%s", key)) and a struct field
// (Event{Key: key}, then ev.Key).
func reach(src ssa.Value) map[ssa.Value]bool {
	out := map[ssa.Value]bool{}
	work := []ssa.Value{src}
	for len(work) > 0 && len(out) < 2000 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if out[v] {
			continue
		}
		for x := range flow.Forward(v).Values {
			if out[x] {
				continue
			}
			out[x] = true
			next, holders := throughMemory(x)
			work = append(work, next...)
			for _, h := range holders {
				out[h] = true // a pointer to a struct holding the key, passed to a helper
			}
		}
	}
	return out
}

// throughMemory returns the values that read back what x is stored into (the
// slice of a variadic array, loads of the same field of a local struct) and the
// local structs that hold it.
func throughMemory(x ssa.Value) (out, holders []ssa.Value) {
	for _, ref := range referrers(x) {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Val != x {
			continue
		}
		switch addr := st.Addr.(type) {
		case *ssa.IndexAddr:
			if arr, ok := addr.X.(*ssa.Alloc); ok {
				for _, r := range referrers(arr) {
					if s, ok := r.(*ssa.Slice); ok {
						out = append(out, s)
					}
				}
			}
		case *ssa.FieldAddr:
			for _, r := range referrers(addr.X) {
				fa, ok := r.(*ssa.FieldAddr)
				if !ok || fa.Field != addr.Field {
					continue
				}
				for _, l := range referrers(fa) {
					if u, ok := l.(*ssa.UnOp); ok && u.X == fa {
						out = append(out, u)
					}
				}
			}
			if a, ok := addr.X.(*ssa.Alloc); ok {
				holders = append(holders, a)
				for _, r := range referrers(a) {
					if u, ok := r.(*ssa.UnOp); ok && u.X == a {
						out = append(out, u) // the whole struct, passed on by value
					}
				}
			}
		}
	}
	return out, holders
}

// referrers is v.Referrers(), empty for values that have none (globals, constants).
func referrers(v ssa.Value) []ssa.Instruction {
	if refs := v.Referrers(); refs != nil {
		return *refs
	}
	return nil
}
