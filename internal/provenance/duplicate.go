package provenance

// A store operation whose "already there" answer the function turns into an
// error that says duplicate (if !ok { return ErrDuplicate }) says in code what a
// key's text often says in words: the key identifies one operation. Such a
// claim or check is a dedup, whatever its key's prefix says ("wallet:credit:").

import (
	"go/constant"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// answersDuplicate reports whether the result of ef decides a return of an
// error that says duplicate.
func answersDuplicate(ef *effects.Effect) bool {
	v, ok := ef.Site.(ssa.Value)
	if !ok || ef.Site.Parent() == nil {
		return false
	}
	t := flow.Forward(v)
	for _, b := range ef.Site.Parent().Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if ok && returnsDuplicate(ret) && t.Decides(b) != nil {
			return true
		}
	}
	return false
}

// returnsDuplicate reports a return of an error variable named like a duplicate
// (ErrDuplicate, ErrAlreadyExists), or of an error made here from text that says
// so (errors.New("duplicate charge")).
func returnsDuplicate(ret *ssa.Return) bool {
	for _, r := range ret.Results {
		switch x := ssautil.Unwrap(r).(type) {
		case *ssa.UnOp:
			if g, ok := x.X.(*ssa.Global); ok && model.NamesDuplicate(g.Name()) {
				return true
			}
		case *ssa.Call:
			for _, a := range x.Call.Args {
				if c, ok := a.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.String &&
					model.NamesDuplicate(constant.StringVal(c.Value)) {
					return true
				}
			}
		}
	}
	return false
}
