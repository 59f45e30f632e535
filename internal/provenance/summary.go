package provenance

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
)

// ResultFact is what a helper's result is made of, in terms of its parameters
// (func dedupKey(userID string) string { return "idem:" + userID + day() }): the
// leaves whose Param is set are what each caller passes. It travels to other
// packages as a fact.
type ResultFact struct {
	Leaves []Leaf
	// Text shows the result: "idem:"+userID+day.
	Text string
	// Coarse says the result is coarse whatever the callers pass.
	Coarse bool
	// Reported says the helper was reported where it is declared.
	Reported bool
}

func (*ResultFact) AFact() {}

func (f *ResultFact) String() string { return "result(" + f.Text + ")" }

// Result returns what fn's result is made of, or nil when nothing is known.
func (e *Engine) Result(fn *ssa.Function) *ResultFact { return e.result(fn) }

// result computes a helper's summary once; a helper of another package (no
// body in this package's SSA) is imported as a fact.
func (e *Engine) result(fn *ssa.Function) *ResultFact {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if r, ok := e.results[fn]; ok {
		return r
	}
	if len(fn.Blocks) == 0 {
		var r *ResultFact
		if obj, ok := fn.Object().(*types.Func); ok && e.Import != nil {
			r = e.Import(obj)
		}
		e.results[fn] = r
		return r
	}
	if e.busy[fn] || !keyLike(fn) {
		return nil // recursion: the cycle adds nothing
	}
	e.busy[fn] = true
	defer delete(e.busy, fn)
	r := e.summarize(fn)
	e.results[fn] = r
	return r
}

// keyLike reports whether fn returns something a key can be: a string, a number
// (a hash) or bytes, first among its results.
func keyLike(fn *ssa.Function) bool {
	res := fn.Signature.Results()
	if res.Len() == 0 {
		return false
	}
	switch t := res.At(0).Type().Underlying().(type) {
	case *types.Basic:
		return t.Info()&(types.IsString|types.IsInteger) != 0
	case *types.Slice:
		b, ok := t.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// summarize walks every return of fn's first result.
func (e *Engine) summarize(fn *ssa.Function) *ResultFact {
	w := &walker{e: e, root: fn, seen: map[ssa.Value]bool{}, out: &Origin{}}
	text := ""
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 {
			continue
		}
		t := w.walk(ret.Results[0], 0)
		if e.Names != nil {
			if src := e.Names.Expr(valuePos(ret.Results[0])); src != "" {
				t = src
			}
		}
		if text == "" || text == `""` {
			text = t
		}
	}
	o := w.out
	informative := false
	for _, l := range o.Leaves {
		if l.Part != model.UnknownPart && l.Part != model.ConstPart || l.Param >= 0 {
			informative = true
		}
	}
	if !informative {
		return nil
	}
	for i := range o.Leaves {
		o.Leaves[i].made = nil // instructions do not travel in facts
	}
	return &ResultFact{Leaves: o.Leaves, Text: text, Coarse: o.Coarse() && !o.Undecided()}
}
