package provenance

import (
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/keyexpr"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// Engine answers "what is this value made of?" for the functions of one package.
type Engine struct {
	// Names gives the source name of an expression; nil leaves SSA names.
	Names *Names
	// Import returns the result summary of a helper in another package (a fact),
	// or nil.
	Import func(fn *types.Func) *ResultFact
	// Headers are the run's idempotency header names, for outgoing headers.
	Headers *headers.Names

	results map[*ssa.Function]*ResultFact
	busy    map[*ssa.Function]bool
}

// NewEngine returns an engine; names and imp may be nil.
func NewEngine(names *Names, imp func(*types.Func) *ResultFact) *Engine {
	return &Engine{Names: names, Import: imp, results: map[*ssa.Function]*ResultFact{}, busy: map[*ssa.Function]bool{}}
}

// Of returns what v is made of, in terms of the function v belongs to.
func (e *Engine) Of(v ssa.Value) *Origin {
	var root *ssa.Function
	if v != nil {
		root = v.Parent()
	}
	w := &walker{e: e, root: root, seen: map[ssa.Value]bool{}, out: &Origin{}}
	text := w.walk(v, 0)
	if e.Names != nil && v != nil {
		if src := e.Names.Expr(valuePos(v)); src != "" {
			text = src
		}
	}
	w.out.Text = text
	return w.out
}

// OfPair returns what a key and its hash field or set member are made of
// together: SISMEMBER("refunds:"+day, evt.ID) identifies the event.
func (e *Engine) OfPair(key, field ssa.Value) *Origin {
	k, f := e.Of(key), e.Of(field)
	o := &Origin{Leaves: append(k.Leaves, f.Leaves...), Builders: append(k.Builders, f.Builders...), Text: k.Text + " " + f.Text}
	for _, b := range f.Builders {
		b.from, b.to = b.from+len(k.Leaves), b.to+len(k.Leaves)
	}
	return o
}

// walker is one walk backwards from a value.
type walker struct {
	e    *Engine
	root *ssa.Function
	seen map[ssa.Value]bool
	out  *Origin
}

// walk adds the leaves v is made of and returns how to show v.
func (w *walker) walk(v ssa.Value, depth int) string {
	if v == nil {
		return ""
	}
	if depth > maxDepth {
		return w.leaf(Leaf{Part: model.UnknownPart, Name: w.name(v)})
	}
	if w.seen[v] {
		return w.name(v) // a cycle through a phi, or a part used twice
	}
	w.seen[v] = true
	switch x := v.(type) {
	case *ssa.Const:
		return w.constant(x)
	case *ssa.Parameter:
		return w.param(x)
	case *ssa.FreeVar:
		return w.freeVar(x, depth)
	case *ssa.Global:
		return w.global(x)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return w.load(x.X, depth)
		}
		return w.walk(x.X, depth+1)
	case *ssa.Field:
		return w.field(x.X, x.Field, x.Pos(), depth)
	case *ssa.FieldAddr:
		return w.field(x.X, x.Field, x.Pos(), depth)
	case *ssa.BinOp:
		return w.binOp(x, depth)
	case *ssa.Call:
		return w.call(x, depth)
	case *ssa.Extract:
		return w.walk(x.Tuple, depth+1)
	case *ssa.Phi:
		var texts []string
		for _, edge := range x.Edges {
			texts = append(texts, w.walk(edge, depth+1))
		}
		return w.nameOr(v, strings.Join(texts, "|"))
	case *ssa.Convert:
		return w.walk(x.X, depth+1)
	case *ssa.ChangeType:
		return w.walk(x.X, depth+1)
	case *ssa.MakeInterface:
		return w.walk(x.X, depth+1)
	case *ssa.ChangeInterface:
		return w.walk(x.X, depth+1)
	case *ssa.TypeAssert:
		if n := len(w.out.Leaves); w.walk(x.X, depth+1) != "" && w.onlyUnknownSince(n) {
			w.out.Leaves = w.out.Leaves[:n] // ctx.Value(k).(string): the variable's name says more
			return w.unknown(x)
		}
		return w.name(x)
	case *ssa.Slice:
		if elems, ok := ssautil.VarArgs(x); ok && len(elems) > 0 { // fmt.Sprintf's ...any, []string{a, b}
			var texts []string
			for _, el := range elems {
				texts = append(texts, w.walk(el, depth+1))
			}
			return strings.Join(texts, ", ")
		}
		return w.walk(x.X, depth+1)
	case *ssa.Lookup:
		return w.lookup(x, depth)
	case *ssa.Index:
		return w.walk(x.X, depth+1)
	case *ssa.IndexAddr:
		return w.walk(x.X, depth+1)
	case *ssa.Alloc:
		return w.load(x, depth)
	}
	return w.unknown(v)
}

// unknown adds a leaf nothing in the value says anything about, classified by the
// variable the source assigns it to: uid := currentUser(r) is an actor.
func (w *walker) unknown(v ssa.Value) string {
	name := w.name(v)
	if token.IsIdentifier(name) {
		return w.leaf(named(name, v.Type()))
	}
	return w.leaf(Leaf{Part: model.UnknownPart, Name: name})
}

// onlyUnknownSince reports whether the leaves added from index n on are one
// unknown leaf.
func (w *walker) onlyUnknownSince(n int) bool {
	added := w.out.Leaves[n:]
	return len(added) == 1 && added[0].Part == model.UnknownPart && added[0].Param < 0
}

// leaf adds l and returns its name.
func (w *walker) leaf(l Leaf) string {
	l.Param = -1 // only param decides a parameter's index
	w.out.add(l)
	return l.Name
}

func (w *walker) constant(c *ssa.Const) string {
	if c.Value == nil {
		return "nil"
	}
	text := c.Value.ExactString()
	if c.Value.Kind() == constant.String {
		text = strconv.Quote(constant.StringVal(c.Value))
	}
	w.out.add(Leaf{Part: model.ConstPart, Name: text, Param: -1})
	return text
}

// param classifies a parameter by its name; a parameter of the walked function
// whose name decides nothing (key, id, s) is left for each caller to decide, and
// so is one named as an operation's id (eventID, idemKey): that name says what
// the helper expects, what a caller passes says what it gets. inbox.Claim(ctx,
// eventID) handed "refund:"+customerID+":"+day claims a coarse key.
func (w *walker) param(p *ssa.Parameter) string {
	l := named(p.Name(), p.Type())
	part := l.Part
	if part == model.UnknownPart && model.MessageType(p.Type()) {
		part = model.OperationPart // a whole delivered message
	}
	idx := -1
	if (part == model.UnknownPart || part == model.OperationPart && !model.MessageType(p.Type())) && p.Parent() == w.root {
		part, idx = model.UnknownPart, ssautil.ParamIndex(w.root, p)
	}
	l.Part, l.Param = part, idx
	w.out.add(l)
	return p.Name()
}

// freeVar follows a closure's captured variable to what its maker bound.
func (w *walker) freeVar(fv *ssa.FreeVar, depth int) string {
	if v := binding(fv); v != nil {
		if _, byRef := v.(*ssa.Alloc); !byRef {
			return w.walk(v, depth+1)
		}
	}
	return w.leaf(named(fv.Name(), fv.Type()))
}

// binding returns the value a closure's maker binds to fv, when it has one maker.
func binding(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	idx := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			idx = i
		}
	}
	parent := fn.Parent()
	if parent == nil || idx < 0 {
		return nil
	}
	var found ssa.Value
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn && idx < len(mc.Bindings) {
				if found != nil {
					return nil
				}
				found = mc.Bindings[idx]
			}
		}
	}
	return found
}

func (w *walker) global(g *ssa.Global) string {
	if c := ssautil.GlobalInit(g); c != nil {
		return w.constant(c)
	}
	return w.leaf(named(g.Name(), g.Type()))
}

// load follows *addr: a local assigned once (or on each path), a captured
// variable, a struct field, a package variable.
func (w *walker) load(addr ssa.Value, depth int) string {
	switch a := addr.(type) {
	case *ssa.Alloc:
		stores := storesTo(a)
		if len(stores) == 0 {
			return w.whole(a, depth)
		}
		var texts []string
		for _, v := range stores {
			texts = append(texts, w.walk(v, depth+1))
		}
		if a.Comment != "" {
			return a.Comment
		}
		return strings.Join(texts, "|")
	case *ssa.FieldAddr:
		return w.field(a.X, a.Field, a.Pos(), depth)
	case *ssa.Global:
		return w.global(a)
	case *ssa.FreeVar:
		if v, ok := binding(a).(*ssa.Alloc); ok {
			return w.load(v, depth+1)
		}
		return w.leaf(named(a.Name(), a.Type()))
	case *ssa.IndexAddr:
		return w.walk(a.X, depth+1)
	}
	return w.walk(addr, depth+1)
}

// storesTo returns the values stored into a local, whole.
func storesTo(a *ssa.Alloc) []ssa.Value {
	var out []ssa.Value
	for _, ref := range *a.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
			if c, ok := st.Val.(*ssa.Const); ok && c.Value == nil && len(out) == 0 {
				continue // the zeroing of a composite literal before its fields are set
			}
			out = append(out, st.Val)
		}
	}
	return out
}

// whole is a struct value in full (fmt.Sprintf("%v", k), json.Marshal(k)): the
// fields of a literal built in place.
func (w *walker) whole(a *ssa.Alloc, depth int) string {
	st := structOf(a.Type())
	if st == nil {
		return w.leaf(Leaf{Part: model.UnknownPart, Name: w.name(a)})
	}
	var texts []string
	for i := 0; i < st.NumFields(); i++ {
		if v := keyexpr.SingleFieldStore(a, i); v != nil {
			texts = append(texts, st.Field(i).Name()+": "+w.walk(v, depth+1))
		}
	}
	if len(texts) == 0 {
		return w.leaf(Leaf{Part: model.UnknownPart, Name: w.name(a)})
	}
	return "{" + strings.Join(texts, ", ") + "}"
}

// field classifies base.F: the value a literal in view stored there, else by the
// field's name (UserID, EventID), a bare ID by what holds it (Event.ID, User.ID),
// a broker message's identity by the model.
func (w *walker) field(base ssa.Value, i int, pos token.Pos, depth int) string {
	st := structOf(base.Type())
	if st == nil || i >= st.NumFields() {
		return w.leaf(Leaf{Part: model.UnknownPart, Name: w.name(base)})
	}
	if a := localStruct(base); a != nil {
		if v := keyexpr.SingleFieldStore(a, i); v != nil {
			return w.walk(v, depth+1)
		}
	}
	fname := st.Field(i).Name()
	name := w.posName(pos, w.name(base)+"."+fname)
	if b, ok := st.Field(i).Type().Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 && model.NamespaceName(fname) {
		// d.prefix + key in a store wrapper: the same text for every operation;
		// its words still say what the keys are for (cachePrefix)
		w.out.add(Leaf{Part: model.ConstPart, Name: name, Param: -1})
		return name
	}
	if part, ok := model.MessageField(base.Type(), fname); ok {
		return w.leaf(Leaf{Part: part, Name: name})
	}
	l := named(fname, st.Field(i).Type())
	if l.Part == model.UnknownPart && model.IsIDName(fname) {
		l.Part = model.ClassifyName(typeNameOf(base.Type()))
		if l.Part == model.UnknownPart {
			l.Part = model.ClassifyName(w.name(base))
		}
		if l.Part == model.UnknownPart && decodedFromMessage(base) {
			l.Part = model.OperationPart
		}
	}
	l.Name = name
	return w.leaf(l)
}

// decodedFromMessage reports a local struct that a delivered message's payload
// is decoded into (json.Unmarshal(d.Body, &m)): its bare ID, which neither its
// type nor its name says more about (SMS.ID), is the id of what was delivered,
// the same on every redelivery.
func decodedFromMessage(base ssa.Value) bool {
	a := localStruct(base)
	if a == nil {
		return false
	}
	for _, use := range aliases(a) {
		for _, ref := range *use.Referrers() {
			call, ok := ref.(ssa.CallInstruction)
			if !ok {
				continue
			}
			args := model.Args(call.Common())
			if model.Follow(model.Callee(call.Common())) == model.DecodesInto && len(args) == 2 &&
				ssautil.Unwrap(args[1]) == a && messagePayload(args[0]) {
				return true
			}
		}
	}
	return false
}

// messagePayload reports a field of a delivered message (d.Body, m.Value,
// []byte(*msg.Body)).
func messagePayload(v ssa.Value) bool {
	for {
		v = ssautil.Unwrap(v)
		u, ok := v.(*ssa.UnOp)
		if !ok || u.Op != token.MUL {
			break
		}
		v = u.X
	}
	switch f := v.(type) {
	case *ssa.Field:
		return model.MessageType(f.X.Type())
	case *ssa.FieldAddr:
		return model.MessageType(f.X.Type())
	}
	return false
}

// localStruct returns the local struct (a composite literal) base addresses.
func localStruct(base ssa.Value) *ssa.Alloc {
	switch b := base.(type) {
	case *ssa.Alloc:
		return b
	case *ssa.UnOp:
		if a, ok := b.X.(*ssa.Alloc); ok && b.Op == token.MUL {
			if st := structOf(a.Type()); st != nil {
				return a
			}
			if stores := storesTo(a); len(stores) == 1 { // p := &Key{...}; p.User
				if inner, ok := stores[0].(*ssa.Alloc); ok {
					return inner
				}
			}
		}
	}
	return nil
}

// lookup classifies m["user_id"], claims["sub"], by the constant key.
func (w *walker) lookup(l *ssa.Lookup, depth int) string {
	key, ok := ssautil.ConstString(l.Index)
	if !ok {
		return w.leaf(Leaf{Part: model.UnknownPart, Name: w.name(l)})
	}
	leaf := named(key, l.Type())
	leaf.Name = w.posName(l.Pos(), w.name(l.X)+"["+strconv.Quote(key)+"]")
	return w.leaf(leaf)
}

// binOp is a concatenation, or arithmetic on parts (Unix()/3600 is the hour).
func (w *walker) binOp(b *ssa.BinOp, depth int) string {
	if b.Op == token.QUO {
		if unit, fresh, ok := w.timeNumber(b.X); ok {
			if n, ok := constInt(b.Y); ok && n > 0 {
				return w.timeLeaf(b, unit*time.Duration(n), fresh)
			}
		}
	}
	l := w.walk(b.X, depth+1)
	r := w.walk(b.Y, depth+1)
	if b.Op == token.ADD && ssautil.IsStringTyped(b) {
		return l + "+" + r
	}
	return w.nameOr(b, l+b.Op.String()+r)
}

// named classifies a value by its name: an actor or an operation by the words of
// the name, a clock bucket by a name like day or today when it holds text or a
// number.
func named(name string, t types.Type) Leaf {
	l := Leaf{Part: model.ClassifyName(name), Name: name, Param: -1}
	if l.Part != model.UnknownPart {
		return l
	}
	l.Noun = model.IdentifiedNoun(name)
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&(types.IsString|types.IsInteger) != 0 {
		if unit, ok := model.ClockName(name); ok {
			l.Part, l.Unit = model.ClockPart, unit
		}
	}
	return l
}

// name is how the source names v.
func (w *walker) name(v ssa.Value) string {
	switch x := v.(type) {
	case *ssa.Parameter:
		return x.Name()
	case *ssa.FreeVar:
		return x.Name()
	case *ssa.Alloc:
		if x.Comment != "" {
			return x.Comment
		}
	case *ssa.UnOp:
		if a, ok := x.X.(*ssa.Alloc); ok && a.Comment != "" {
			return a.Comment
		}
		if fa, ok := x.X.(*ssa.FieldAddr); ok {
			return w.posName(fa.Pos(), "value")
		}
	case *ssa.Global:
		return x.Name()
	}
	return w.posName(valuePos(v), "value")
}

// nameOr is the source name of v, or text.
func (w *walker) nameOr(v ssa.Value, text string) string {
	return w.posName(valuePos(v), text)
}

func (w *walker) posName(pos token.Pos, fallback string) string {
	if w.e.Names != nil {
		if n := w.e.Names.Var(pos); n != "" {
			return n
		}
	}
	return fallback
}

// valuePos is where v is written in the source, for names.
func valuePos(v ssa.Value) token.Pos {
	switch x := v.(type) {
	case *ssa.UnOp:
		if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL {
			return fa.Pos()
		}
	case *ssa.Call:
		return x.Call.Pos()
	}
	if v == nil {
		return token.NoPos
	}
	return v.Pos()
}

func structOf(t types.Type) *types.Struct {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, _ := t.Underlying().(*types.Struct)
	return st
}

// typeNameOf is the name of a named type or a pointer to one, or "".
func typeNameOf(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

func constInt(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}
