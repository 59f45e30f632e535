// Package ssautil answers the small SSA questions every idemlint pass asks: what a
// constant string argument says, what was packed into a variadic call, and which
// value a conversion wraps.
package ssautil

import (
	"go/constant"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"
)

// Unwrap strips conversions that do not change a key's text: interface boxing,
// named-type changes and string/[]byte conversions.
func Unwrap(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.Convert:
			if !isStringish(x.X.Type()) || !isStringish(x.Type()) {
				return v
			}
			v = x.X
		default:
			return v
		}
	}
}

func isStringish(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && (b.Kind() == types.Byte || b.Kind() == types.Rune)
	}
	return false
}

// IsStringTyped reports whether v, unwrapped, is a string.
func IsStringTyped(v ssa.Value) bool {
	b, ok := Unwrap(v).Type().Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// ConstString returns the value of a constant string, including a package-level
// variable that its package initializer sets to a constant and never changes.
func ConstString(v ssa.Value) (string, bool) {
	if v == nil {
		return "", false
	}
	switch x := Unwrap(v).(type) {
	case *ssa.Const:
		if x.Value != nil && x.Value.Kind() == constant.String {
			return constant.StringVal(x.Value), true
		}
	case *ssa.UnOp:
		if g, ok := x.X.(*ssa.Global); ok {
			if c := GlobalInit(g); c != nil {
				return ConstString(c)
			}
		}
	}
	return "", false
}

// GlobalInit returns the constant a package initializer stores into g, or nil when g
// is not stored to exactly once there.
func GlobalInit(g *ssa.Global) *ssa.Const {
	if g.Pkg == nil {
		return nil
	}
	init := g.Pkg.Func("init")
	if init == nil {
		return nil
	}
	var found *ssa.Const
	n := 0
	for _, b := range init.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Addr == g {
				n++
				found, _ = Unwrap(st.Val).(*ssa.Const)
			}
		}
	}
	if n != 1 {
		return nil
	}
	return found
}

// VarArgsAt returns the elements packed into the variadic slice at args[i].
func VarArgsAt(args []ssa.Value, i int) ([]ssa.Value, bool) {
	if i < 0 || i >= len(args) {
		return nil, i >= 0
	}
	return VarArgs(args[i])
}

// VarArgs returns the elements of a slice built in place for a variadic call, in
// order. It fails for a slice passed through with "args...".
func VarArgs(v ssa.Value) ([]ssa.Value, bool) {
	switch s := v.(type) {
	case *ssa.Const:
		return nil, s.IsNil()
	case *ssa.Slice:
		arr, ok := s.X.(*ssa.Alloc)
		if !ok {
			return nil, false
		}
		return arrayElems(arr), true
	}
	return nil, false
}

// arrayElems returns what is stored at constant indexes of a local array.
func arrayElems(arr *ssa.Alloc) []ssa.Value {
	type elem struct {
		i int64
		v ssa.Value
	}
	var elems []elem
	for _, ref := range *arr.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		c, ok := ia.Index.(*ssa.Const)
		if !ok {
			continue
		}
		idx, _ := constant.Int64Val(c.Value)
		for _, r := range *ia.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == ia {
				elems = append(elems, elem{idx, st.Val})
			}
		}
	}
	sort.Slice(elems, func(a, b int) bool { return elems[a].i < elems[b].i })
	out := make([]ssa.Value, len(elems))
	for i, e := range elems {
		out[i] = e.v
	}
	return out
}

// StructFieldConst returns the constant assigned to field in a struct literal passed
// by value (redis.SetArgs{Mode: "NX"}), as its exact text ("NX", "true"); "" when the
// literal leaves the field out. It fails when the value is not a literal in view or
// the field is set to something that is not a constant.
func StructFieldConst(v ssa.Value, field string) (string, bool) {
	if c, ok := v.(*ssa.Const); ok {
		return "", c.Value == nil // the zero struct
	}
	val, lit := structField(v, field)
	if !lit {
		return "", false
	}
	if val == nil {
		return "", true
	}
	c, ok := Unwrap(val).(*ssa.Const)
	if !ok || c.Value == nil {
		return "", ok
	}
	if c.Value.Kind() == constant.String {
		return constant.StringVal(c.Value), true
	}
	return c.Value.ExactString(), true
}

// StructFieldValue returns the value assigned to field in a struct literal passed
// by value (redis.SetArgs{Mode: "NX", TTL: ttl}), or nil.
func StructFieldValue(v ssa.Value, field string) ssa.Value {
	val, _ := structField(v, field)
	return val
}

// structField returns the value a struct literal passed by value assigns to field
// (nil when it leaves the field out), and whether v is such a literal.
func structField(v ssa.Value, field string) (ssa.Value, bool) {
	u, ok := v.(*ssa.UnOp)
	if !ok {
		return nil, false
	}
	alloc, ok := u.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	st, ok := alloc.Type().(*types.Pointer).Elem().Underlying().(*types.Struct)
	if !ok {
		return nil, false
	}
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || st.Field(fa.Field).Name() != field {
			continue
		}
		for _, r := range *fa.Referrers() {
			if s, ok := r.(*ssa.Store); ok && s.Addr == fa {
				return s.Val, true
			}
		}
	}
	return nil, true
}

// IsError reports whether t is the built-in error interface.
func IsError(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }

// Reaches reports whether to can run after from starts (from itself included),
// through no block for which avoid is true (nil avoids none; to itself is never
// avoided).
func Reaches(from, to *ssa.BasicBlock, avoid func(*ssa.BasicBlock) bool) bool {
	return reach([]*ssa.BasicBlock{from}, to, avoid)
}

// ReachesAfter reports whether to can run after from ends: a path of one or more
// edges.
func ReachesAfter(from, to *ssa.BasicBlock) bool {
	return reach(append([]*ssa.BasicBlock(nil), from.Succs...), to, nil)
}

func reach(work []*ssa.BasicBlock, to *ssa.BasicBlock, avoid func(*ssa.BasicBlock) bool) bool {
	seen := map[*ssa.BasicBlock]bool{}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if b == to {
			return true
		}
		if seen[b] || avoid != nil && avoid(b) {
			continue
		}
		seen[b] = true
		work = append(work, b.Succs...)
	}
	return false
}

// StoredOnce returns the value stored into a local exactly once, or nil when it
// is stored more than once or never.
func StoredOnce(a *ssa.Alloc) ssa.Value {
	refs := a.Referrers()
	if refs == nil {
		return nil
	}
	var val ssa.Value
	for _, ref := range *refs {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
			if val != nil {
				return nil
			}
			val = st.Val
		}
	}
	return val
}

// ParamIndex returns the index of v among fn's parameters (the receiver is 0 for
// a method), or -1.
func ParamIndex(fn *ssa.Function, v ssa.Value) int {
	for i, p := range fn.Params {
		if p == v {
			return i
		}
	}
	return -1
}

// FieldOf strips field selections: &cmd.baseCmd -> cmd.
func FieldOf(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		default:
			return v
		}
	}
}
