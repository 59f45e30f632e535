package provenance

// Where a key is built. A finding about what a key is made of belongs where the
// user changes what it is made of: `key := "idem:" + userID + day` on one line
// and `rdb.SetNX(ctx, key, ...)` on the next is fixed on the first. Only the
// function that uses the key (or one it is nested in) is searched: a key that
// arrives as a parameter or a field is built elsewhere, and its use is the best
// place the reader of this function has.

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
)

// BuiltAt returns where s's key is built: the expression whose value the sink
// uses, followed back through locals, captured variables, conversions and
// pass-through wrappers (stripe.String(key)); s.Pos when it is not built in
// view.
func (s *Sink) BuiltAt() token.Pos {
	if s.Site == nil {
		return s.Pos
	}
	if p := builtAt(s.Key, s.Site.Parent()); p.IsValid() {
		return p
	}
	return s.Pos
}

// ReturnBuiltAt returns where a key-builder helper builds the key it returns:
// the expression of its first result, or the return itself.
func ReturnBuiltAt(fn *ssa.Function) token.Pos {
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 || !ret.Pos().IsValid() {
			continue
		}
		if p := builtAt(ret.Results[0], fn); p.IsValid() {
			return p
		}
		return ret.Pos()
	}
	return fn.Pos()
}

// builtAt follows v back to the expression that builds it in fn or a function
// fn is nested in, or returns NoPos.
func builtAt(v ssa.Value, fn *ssa.Function) token.Pos {
	for depth := 0; v != nil && depth < maxDepth; depth++ {
		next := passedThrough(v)
		if next == nil {
			break
		}
		v = next
	}
	switch v.(type) {
	case nil, *ssa.Parameter, *ssa.FreeVar, *ssa.Global, *ssa.Phi, *ssa.Const:
		return token.NoPos // built by a caller, or on several paths
	}
	if !inside(fn, v.Parent()) {
		return token.NoPos
	}
	return valuePos(v)
}

// passedThrough returns the value v merely carries: what a local or a captured
// variable holds, a conversion's operand, the one argument of a pass-through
// wrapper; nil when v builds something itself.
func passedThrough(v ssa.Value) ssa.Value {
	switch x := v.(type) {
	case *ssa.FreeVar:
		b := binding(x)
		if _, byRef := b.(*ssa.Alloc); byRef {
			return nil
		}
		return b
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return nil
		}
		a, ok := x.X.(*ssa.Alloc)
		if fv, isFree := x.X.(*ssa.FreeVar); isFree {
			a, ok = binding(fv).(*ssa.Alloc)
		}
		if !ok {
			return nil
		}
		if stores := storesTo(a); len(stores) == 1 {
			return stores[0]
		}
	case *ssa.MakeInterface:
		return x.X
	case *ssa.ChangeType:
		return x.X
	case *ssa.ChangeInterface:
		return x.X
	case *ssa.Convert:
		return x.X // []byte(key)
	case *ssa.Call:
		return wrapped(x)
	}
	return nil
}

// wrapped returns the one argument of a call that only passes it on
// (stripe.String(key), strings.ToLower(key)), or nil.
func wrapped(c *ssa.Call) ssa.Value {
	if model.Follow(model.Callee(&c.Call)) != model.FromArgs {
		return nil
	}
	if args := model.Args(&c.Call); len(args) == 1 {
		return args[0]
	}
	return nil
}

// passedKey is what a call passes for the first parameter a helper's key is made
// of, or nil.
func passedKey(leaves []Leaf, args []ssa.Value) ssa.Value {
	for _, l := range leaves {
		if l.Param >= 0 && l.Param < len(args) {
			return args[l.Param]
		}
	}
	return nil
}
