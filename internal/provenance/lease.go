package provenance

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// Releases are the keys a package gives back: the constant text of every key it
// deletes or unlocks, in any of its functions (EndCheckout deletes what
// BeginCheckout took), and whether it runs a script, which may compare and
// delete any key.
type Releases struct {
	texts  map[string]bool
	script bool
}

// ReleasesOf collects what the functions of a package release.
func ReleasesOf(res *effects.Result) *Releases {
	r := &Releases{texts: map[string]bool{}}
	for _, f := range res.Funcs {
		for _, e := range f.Effects {
			switch {
			case e.Kind == model.Atomic && e.Op != nil && e.Op.Row.Callback == model.No:
				r.scriptKeys(e.Site) // EVAL of a compare-and-delete
			case (e.Kind == model.Delete || e.Kind == model.Unlock) && e.Op != nil && e.Op.Key != nil:
				r.texts[NewEngine(nil, nil).Of(e.Op.Key).Consts()] = true
			}
		}
	}
	return r
}

// scriptKeys adds the keys a script is given, a []string argument built in
// place (unlock.Run(ctx, rdb, []string{"digest:leader"}, token)); a script whose
// keys are out of view may release any key.
func (r *Releases) scriptKeys(call ssa.CallInstruction) {
	for _, a := range model.Args(call.Common()) {
		if !stringSlice(a.Type()) {
			continue
		}
		elems, ok := ssautil.VarArgs(ssautil.Unwrap(a))
		if !ok {
			break
		}
		for _, k := range elems {
			r.texts[NewEngine(nil, nil).Of(k).Consts()] = true
		}
		return
	}
	r.script = true
}

// stringSlice reports a []string.
func stringSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

// UnreleasedLease reports a set-if-absent claim whose key says lock or lease,
// names an operation ("digest:job:lock:"+j.ID), and that nothing releases: not
// the function, nor any function of the package deleting a key of the same text,
// and the key goes nowhere else a release could get it from. Its TTL alone ends
// it, so it is the operation's dedup claim: once it expires, the next poll or
// redelivery runs the job again.
func UnreleasedLease(f *effects.Func, e *effects.Effect, rel *Releases) bool {
	if e.Op == nil || e.Op.Key == nil || e.Kind != model.Claim || !model.SetsIfAbsent(e.Verb, e.Store) ||
		Purpose(e) != model.ForLease || released(f, e) || rel.script {
		return false
	}
	key := ssautil.Unwrap(e.Op.Key)
	if refs := key.Referrers(); refs == nil || len(*refs) != 1 {
		return false // the key is kept or handed on: a release elsewhere may use it
	}
	o := NewEngine(nil, nil).Of(key)
	return o.Has(model.OperationPart) && !rel.texts[o.Consts()]
}
