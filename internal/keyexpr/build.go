package keyexpr

import (
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// Builder computes the keys of one function's values.
type Builder struct {
	Fn *ssa.Function
	// ReturnKey, if set, returns the key a called function returns in terms of its
	// parameters (a helper like keyFor(id) string { return "evt:" + id }).
	ReturnKey func(callee *ssa.Function) *Key
	memo      map[ssa.Value]*Key
	depth     int // values under construction, see maxBuildDepth
}

// maxBuildDepth bounds how deep a key is taken apart: the memo makes cycles
// finite, the bound keeps the recursion shallow on huge generated functions.
const maxBuildDepth = 64

// NewBuilder returns a Builder for fn.
func NewBuilder(fn *ssa.Function, returnKey func(*ssa.Function) *Key) *Builder {
	return &Builder{Fn: fn, ReturnKey: returnKey, memo: map[ssa.Value]*Key{}}
}

// Of returns the key of v; nil only for a nil v.
func (b *Builder) Of(v ssa.Value) *Key {
	if v == nil {
		return nil
	}
	v = ssautil.Unwrap(v)
	if k, ok := b.memo[v]; ok {
		if k == nil { // a cycle through a phi
			return b.opaque(v)
		}
		return k
	}
	if b.depth >= maxBuildDepth {
		return b.opaque(v) // a chain of thousands of operations in generated code
	}
	b.memo[v] = nil
	b.depth++
	k := b.build(v)
	b.depth--
	if k == nil {
		k = b.opaque(v)
	}
	b.memo[v] = k
	return k
}

func (b *Builder) opaque(v ssa.Value) *Key {
	name := v.Name()
	if n, ok := v.(interface{ Pos() token.Pos }); ok && n.Pos().IsValid() {
		name += "@" + strconv.Itoa(int(n.Pos()))
	}
	return &Key{Op: Opaque, Lit: describe(v), ID: b.Fn.String() + "/" + name}
}

// describe names a value for a message: the source variable if there is one.
func describe(v ssa.Value) string {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		v = u.X
	}
	if a, ok := v.(*ssa.Alloc); ok && a.Comment != "" {
		return a.Comment
	}
	if c, ok := v.(*ssa.Call); ok {
		if fn := c.Call.StaticCallee(); fn != nil {
			return fn.Name() + "(...)"
		}
		if c.Call.Method != nil {
			return c.Call.Method.Name() + "(...)"
		}
	}
	return "value"
}

// build is the key of one SSA value: one case per value kind, flat, which is why
// it counts many branches.
func (b *Builder) build(v ssa.Value) *Key {
	switch x := v.(type) {
	case *ssa.Const:
		return constKey(x)
	case *ssa.Parameter:
		for i, p := range b.Fn.Params {
			if p == x {
				return &Key{Op: Param, N: i, Lit: x.Name()}
			}
		}
	case *ssa.FreeVar:
		for i, fv := range b.Fn.FreeVars {
			if fv == x {
				return &Key{Op: Free, N: i, Lit: x.Name()}
			}
		}
	case *ssa.Global:
		return &Key{Op: Global, Lit: "&" + x.Pkg.Pkg.Path() + "." + x.Name()}
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return b.load(x.X)
		}
	case *ssa.Field:
		return MakeField(b.Of(x.X), fieldName(x.X.Type(), x.Field))
	case *ssa.FieldAddr: // &c.seen: a sync.Map or client held in a struct field
		return MakeField(b.base(x.X), fieldName(x.X.Type(), x.Field))
	case *ssa.Alloc: // &Payment{OrderID: id} passed to a helper
		return b.structLit(x)
	case *ssa.BinOp:
		if x.Op == token.ADD && ssautil.IsStringTyped(x) {
			return MakeConcat(b.Of(x.X), b.Of(x.Y))
		}
	case *ssa.Call:
		return b.call(x)
	case *ssa.Extract:
		return &Key{Op: Ext, N: x.Index, Args: []*Key{b.Of(x.Tuple)}}
	case *ssa.Lookup:
		return &Key{Op: Index, Args: []*Key{b.Of(x.X), b.Of(x.Index)}}
	case *ssa.Index:
		return &Key{Op: Index, Args: []*Key{b.Of(x.X), b.Of(x.Index)}}
	case *ssa.TypeAssert:
		return b.Of(x.X)
	case *ssa.Phi:
		return b.phi(x)
	}
	return nil
}

func constKey(c *ssa.Const) *Key {
	if c.Value == nil {
		return &Key{Op: Lit, Lit: "nil"}
	}
	if c.Value.Kind() == constant.String {
		return &Key{Op: Lit, Lit: constant.StringVal(c.Value)}
	}
	return &Key{Op: Lit, Lit: c.Value.ExactString()}
}

// LoadOf is the key of the value held at addr (a captured local, a field), or nil.
func (b *Builder) LoadOf(addr ssa.Value) *Key { return b.load(addr) }

// load is the key of *addr: a struct field, a captured or address-taken local
// assigned once, or a package variable.
func (b *Builder) load(addr ssa.Value) *Key {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return MakeField(b.base(a.X), fieldName(a.X.Type(), a.Field))
	case *ssa.Global:
		if c := ssautil.GlobalInit(a); c != nil {
			return constKey(c)
		}
		return &Key{Op: Global, Lit: a.Pkg.Pkg.Path() + "." + a.Name()}
	case *ssa.FreeVar:
		for i, fv := range b.Fn.FreeVars {
			if fv == a {
				return &Key{Op: FreeLd, N: i, Lit: a.Name()}
			}
		}
	case *ssa.Alloc:
		v := ssautil.StoredOnce(a)
		if c, ok := v.(*ssa.Const); ok && c.Value == nil {
			v = nil // the zeroing of a composite literal before its fields are set
		}
		if v != nil {
			return b.Of(v)
		}
		return b.structLit(a)
	}
	return nil
}

// structLit is the key of a local struct built field by field (a composite
// literal): the fields assigned exactly once.
func (b *Builder) structLit(a *ssa.Alloc) *Key {
	ptr, ok := a.Type().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var fields []*Key
	for i := 0; i < st.NumFields(); i++ {
		if v := SingleFieldStore(a, i); v != nil {
			fields = append(fields, &Key{Op: Field, Lit: st.Field(i).Name(), Args: []*Key{b.Of(v)}})
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return &Key{Op: Struct, Args: fields}
}

// SingleFieldStore returns the one value stored into field i of a local struct
// (a composite literal), or nil.
func SingleFieldStore(a *ssa.Alloc, i int) ssa.Value {
	var val ssa.Value
	for _, ref := range *a.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.Field != i {
			continue
		}
		for _, r := range *fa.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == fa {
				if val != nil {
					return nil
				}
				val = st.Val
			}
		}
	}
	return val
}

// base is the key of the struct whose field is addressed at x: for a local (a
// struct parameter spilled to memory, a composite literal, a captured variable)
// the value it holds, so
// p.OrderID means the same for a value and a pointer p; otherwise the pointer.
func (b *Builder) base(x ssa.Value) *Key {
	switch x.(type) {
	case *ssa.Alloc, *ssa.FreeVar: // a local, or one captured by a closure
		if k := b.load(x); k != nil {
			return k
		}
	}
	return b.Of(x)
}

func (b *Builder) phi(p *ssa.Phi) *Key {
	var first *Key
	for _, e := range p.Edges {
		k := b.Of(e)
		if first == nil {
			first = k
		} else if k.Canon() != first.Canon() {
			return nil
		}
	}
	return first
}

func fieldName(t types.Type, i int) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if s, ok := t.Underlying().(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Name()
	}
	return "field" + strconv.Itoa(i)
}

// call is the key of a call's result. Formatting calls become concatenations;
// calls that mint a fresh value each time (no arguments: uuid.New, time.Now) stay
// opaque, so two of them never look like the same key.
func (b *Builder) call(c *ssa.Call) *Key {
	common := &c.Call
	callee := common.StaticCallee()
	if callee != nil {
		if k := b.formatted(callee, common.Args); k != nil {
			return k
		}
		if b.ReturnKey != nil {
			if rk := b.ReturnKey(callee); rk != nil {
				if k := Subst(rk, &Binding{Params: b.all(common.Args), Site: b.Fn.String()}); k != nil {
					return k
				}
			}
		}
	}
	var name string
	var args []*Key
	switch {
	case common.IsInvoke():
		name = common.Method.FullName()
		args = append([]*Key{b.Of(common.Value)}, b.all(common.Args)...)
	case callee != nil && callee.Parent() == nil && len(callee.FreeVars) == 0:
		name = callee.String()
		args = b.all(common.Args)
	default:
		return nil
	}
	if len(args) == 0 {
		return nil
	}
	return &Key{Op: Call, Lit: name, Args: args}
}

func (b *Builder) all(vs []ssa.Value) []*Key {
	out := make([]*Key, len(vs))
	for i, v := range vs {
		out[i] = b.Of(v)
	}
	return out
}

// formatted handles fmt.Sprintf with plain verbs and number-to-string conversions,
// which build the same key text as a concatenation of their operands.
func (b *Builder) formatted(fn *ssa.Function, args []ssa.Value) *Key {
	obj, _ := fn.Object().(*types.Func)
	switch model.Formatting(obj) {
	case model.FormatFirst:
		return b.Of(args[0])
	case model.FormatSprint:
		if elems, ok := ssautil.VarArgs(args[0]); ok && len(elems) == 1 {
			return b.Of(elems[0])
		}
	case model.FormatSprintf:
		format, ok := ssautil.ConstString(args[0])
		if !ok {
			return nil
		}
		elems, ok := ssautil.VarArgs(args[1])
		if !ok {
			return nil
		}
		return b.sprintf(format, elems)
	}
	return nil
}

// sprintf splits a format with only %s, %v, %d and %% verbs into a concatenation.
func (b *Builder) sprintf(format string, elems []ssa.Value) *Key {
	var parts []*Key
	var lit strings.Builder
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			lit.WriteByte(format[i])
			continue
		}
		if i+1 >= len(format) {
			return nil
		}
		i++
		switch format[i] {
		case '%':
			lit.WriteByte('%')
		case 's', 'v', 'd':
			if n >= len(elems) {
				return nil
			}
			parts = append(parts, &Key{Op: Lit, Lit: lit.String()}, b.Of(elems[n]))
			lit.Reset()
			n++
		default:
			return nil // width, flags, %x: not the operand's plain text
		}
	}
	if n != len(elems) {
		return nil
	}
	parts = append(parts, &Key{Op: Lit, Lit: lit.String()})
	return MakeConcat(parts...)
}
