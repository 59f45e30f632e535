package provenance

import (
	"go/types"
	"strings"
	"time"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// call classifies a call's result: a value minted per call, a time taken apart,
// a followed standard-library step, a helper's result, a getter of a named value.
func (w *walker) call(c *ssa.Call, depth int) string {
	common := &c.Call
	fn := model.Callee(common)
	args := model.Args(common)
	if model.Mints(fn) {
		return w.leaf(Leaf{Part: model.FreshPart, Name: w.name(c), Unit: time.Nanosecond, made: c})
	}
	if op, _, _ := model.TimeMethod(fn); op != model.NotTime {
		return w.timeCall(c, fn, args)
	}
	switch model.Follow(fn) {
	case model.FromArgs:
		for _, a := range args {
			w.walk(a, depth+1)
		}
		return w.name(c)
	case model.FromRecv:
		w.writtenInto(model.Receiver(common), depth)
		for _, a := range args {
			w.walk(a, depth+1)
		}
		return w.name(c)
	case model.Encodes:
		if len(args) > 0 {
			w.encoded(args[0], depth)
		}
		return w.name(c)
	case model.FromSelf:
		w.walk(model.Receiver(common), depth+1)
		return w.name(c)
	case model.ReadsBody:
		return w.leaf(Leaf{Part: model.OperationPart, Name: w.name(c)})
	}
	if callee := common.StaticCallee(); callee != nil && callee.Pkg != nil {
		if res := w.e.result(callee); res != nil {
			return w.helper(c, callee, res, depth)
		}
	}
	if s, ok := namedGetter(args); ok && ssautil.IsStringTyped(c) {
		// r.Header.Get("Idempotency-Key"), c.Param("user_id"), chi.URLParam(r, "orderID")
		l := named(s, c.Type())
		l.Name = w.name(c)
		return w.leaf(l)
	}
	if fn != nil && len(args) == 0 && model.Receiver(common) != nil {
		return w.accessor(c, fn, model.Receiver(common))
	}
	return w.unknown(c)
}

// namedGetter returns the one constant string argument of a call that looks a
// value up by name.
func namedGetter(args []ssa.Value) (string, bool) {
	name, n := "", 0
	for _, a := range args {
		if s, ok := ssautil.ConstString(a); ok {
			name, n = s, n+1
		}
	}
	return name, n == 1 && name != ""
}

// accessor classifies a method without arguments like a field: u.GetUserID(),
// claims.GetSubject(), user.ID().
func (w *walker) accessor(c *ssa.Call, fn *types.Func, recv ssa.Value) string {
	name := strings.TrimPrefix(fn.Name(), "Get")
	part := model.ClassifyName(name)
	if part == model.UnknownPart && model.IsIDName(name) {
		part = model.ClassifyName(typeNameOf(recv.Type()))
	}
	return w.leaf(Leaf{Part: part, Name: w.name(c)})
}

// encoded is a value serialized whole (json.Marshal(v)): a struct built in place
// is made of its fields; anything else is a whole payload, per operation.
func (w *walker) encoded(v ssa.Value, depth int) {
	v = ssautil.Unwrap(v)
	if a, ok := v.(*ssa.Alloc); ok && structOf(a.Type()) != nil && len(storesTo(a)) == 0 {
		w.whole(a, depth+1)
		return
	}
	if u, ok := v.(*ssa.UnOp); ok {
		if a := localStruct(u); a != nil {
			w.whole(a, depth+1)
			return
		}
	}
	w.leaf(Leaf{Part: model.OperationPart, Name: w.name(v)})
}

// writtenInto walks what was written into a strings.Builder, bytes.Buffer or
// hash before its content was read: WriteString, Write, fmt.Fprintf, io.WriteString.
func (w *walker) writtenInto(recv ssa.Value, depth int) {
	if recv == nil {
		return
	}
	recv = ssautil.Unwrap(recv)
	for _, use := range aliases(recv) {
		for _, ref := range *use.Referrers() {
			call, ok := ref.(ssa.CallInstruction)
			if !ok {
				continue
			}
			common := call.Common()
			fn := model.Callee(common)
			args := model.Args(common)
			switch model.Follow(fn) {
			case model.IntoRecv:
				if r := model.Receiver(common); r != nil && ssautil.Unwrap(r) == recv {
					for _, a := range args {
						w.walk(a, depth+1)
					}
				}
			case model.IntoFirst:
				if len(args) > 0 && ssautil.Unwrap(args[0]) == recv {
					for _, a := range args[1:] {
						w.walk(a, depth+1)
					}
				}
			}
		}
	}
}

// aliases are v and the conversions of v that calls take (an io.Writer of it).
func aliases(v ssa.Value) []ssa.Value {
	out := []ssa.Value{v}
	refs := v.Referrers()
	if refs == nil {
		return out
	}
	for _, ref := range *refs {
		switch x := ref.(type) {
		case *ssa.MakeInterface:
			out = append(out, x)
		case *ssa.ChangeInterface:
			out = append(out, x)
		}
	}
	return out
}

// helper substitutes a helper's result summary at its call: each parameter the
// helper left undecided is what the caller passes.
func (w *walker) helper(c *ssa.Call, callee *ssa.Function, res *ResultFact, depth int) string {
	b := &Builder{Name: callee.Name(), Result: res}
	if callee.Pkg.Pkg == pkgOf(w.root) {
		b.Fn = callee
	}
	w.out.Builders = append(w.out.Builders, b)
	b.from = len(w.out.Leaves)
	for _, l := range res.Leaves {
		if l.Param >= 0 && l.Param < len(c.Call.Args) {
			w.walk(c.Call.Args[l.Param], depth+1)
			continue
		}
		l.Param = -1
		w.out.add(l)
	}
	b.to = len(w.out.Leaves)
	return w.name(c)
}

func pkgOf(fn *ssa.Function) *types.Package {
	if fn == nil || fn.Pkg == nil {
		return nil
	}
	return fn.Pkg.Pkg
}

// timeCall classifies a time taken apart: Format with a layout, YearDay, Unix, a
// time rounded with Truncate. A bucket of a minute or more is a clock part; a
// finer time of now is fresh on every attempt; a finer time of anything else (an
// event's CreatedAt) is unknown.
func (w *walker) timeCall(c *ssa.Call, fn *types.Func, args []ssa.Value) string {
	op, unit, arg := model.TimeMethod(fn)
	gran, fresh := w.timeOf(model.Receiver(&c.Call), 0)
	switch op {
	case model.TimeFormat:
		if arg >= len(args) {
			break
		}
		layout, ok := ssautil.ConstString(args[arg])
		if !ok {
			return w.leaf(Leaf{Part: model.UnknownPart, Name: w.name(c)})
		}
		finest, prints := model.LayoutFinest(layout)
		if !prints { // a layout without a time field prints constant text
			w.out.add(Leaf{Part: model.ConstPart, Name: layout, Param: -1})
			return w.name(c)
		}
		unit = finest
	case model.TimeRound, model.TimeKeep:
		gran, fresh = w.timeOf(c, 0)
		unit = 0
	}
	return w.timeLeaf(c, max(gran, unit), fresh)
}

// timeLeaf adds a time part of resolution unit.
func (w *walker) timeLeaf(v ssa.Value, unit time.Duration, fresh bool) string {
	l := Leaf{Part: model.UnknownPart, Name: w.name(v), Unit: unit}
	switch {
	case unit >= time.Minute:
		l.Part = model.ClockPart
	case fresh:
		l.Part, l.made = model.FreshPart, v.(ssa.Instruction)
	}
	return w.leaf(l)
}

// timeOf returns the resolution of a time.Time value and whether it is now
// (time.Now, an injected clock's Now); the resolution of a time of unknown origin
// is a nanosecond.
func (w *walker) timeOf(v ssa.Value, depth int) (time.Duration, bool) {
	if v == nil || depth > maxDepth {
		return time.Nanosecond, false
	}
	switch x := ssautil.Unwrap(v).(type) {
	case *ssa.Call:
		fn := model.Callee(&x.Call)
		if model.Mints(fn) || model.ClockNow(fn) {
			return time.Nanosecond, true
		}
		op, _, arg := model.TimeMethod(fn)
		switch op {
		case model.TimeKeep:
			return w.timeOf(model.Receiver(&x.Call), depth+1)
		case model.TimeRound:
			gran, fresh := w.timeOf(model.Receiver(&x.Call), depth+1)
			if args := model.Args(&x.Call); arg < len(args) {
				if n, ok := constInt(args[arg]); ok && time.Duration(n) > gran {
					return time.Duration(n), fresh
				}
			}
			return gran, fresh
		}
	case *ssa.UnOp:
		if a, ok := x.X.(*ssa.Alloc); ok {
			if stores := storesTo(a); len(stores) == 1 {
				return w.timeOf(stores[0], depth+1)
			}
		}
	case *ssa.Phi:
		unit, fresh := time.Duration(0), false
		for _, e := range x.Edges {
			if e == v {
				continue
			}
			u, f := w.timeOf(e, depth+1)
			if unit == 0 || u < unit {
				unit = u
			}
			fresh = fresh || f
		}
		if unit > 0 {
			return unit, fresh
		}
	}
	return time.Nanosecond, false
}

// timeNumber reports whether v is a number taken from a time (t.Unix()), with
// its unit.
func (w *walker) timeNumber(v ssa.Value) (time.Duration, bool, bool) {
	c, ok := ssautil.Unwrap(v).(*ssa.Call)
	if !ok {
		return 0, false, false
	}
	op, unit, _ := model.TimeMethod(model.Callee(&c.Call))
	if op != model.TimePart {
		return 0, false, false
	}
	gran, fresh := w.timeOf(model.Receiver(&c.Call), 0)
	return max(gran, unit), fresh, true
}
