package provenance

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/model"
)

// mayHoldKeys is the fast path, decided before the package's SSA form exists: can
// the package use a dedup key (a store claim or marker, an outgoing idempotency
// header, an SDK idempotency field, a helper of another package that uses or
// builds one) or build one for another package (a clock bucket, a value minted
// per call, a helper named as an idempotency key builder)? A package that can do
// none of these has no sinks and exports no facts, so it needs no SSA.
func mayHoldKeys(pass *analysis.Pass, eff *effects.Result) bool {
	if len(eff.Funcs) > 0 {
		return true // store operations: claims, dedup checks, markers and their TTLs
	}
	for _, imp := range pass.Pkg.Imports() {
		if slices.Contains(model.HeaderPackages, imp.Path()) {
			return true // an outgoing Idempotency-Key header
		}
	}
	for id, obj := range pass.TypesInfo.Defs {
		if fn, ok := obj.(*types.Func); ok && fn.Exported() && keyBuilderName(id.Name) {
			return true // reported where it is declared when it builds a coarse key
		}
	}
	seen := map[types.Object]bool{}
	for _, obj := range pass.TypesInfo.Uses {
		if seen[obj] {
			continue
		}
		seen[obj] = true
		if keyMaterial(obj) || summarized(pass, obj) {
			return true
		}
	}
	return false
}

// keyMaterial reports a use of what a key is made of or used by: a header API
// (also when the package reaches it through another's types), an idempotency
// field or setter, a clock taken apart, a value minted per call.
func keyMaterial(obj types.Object) bool {
	if obj.Pkg() != nil && slices.Contains(model.HeaderPackages, obj.Pkg().Path()) {
		return true
	}
	if model.IdempotencyField(obj.Name()) {
		return true
	}
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	op, _, _ := model.TimeMethod(fn)
	return op != model.NotTime || model.Mints(fn)
}

// summarized reports a use of another package's helper that has a provenance
// fact: it builds part of a key, uses a parameter as one, or passes a marker's TTL.
func summarized(pass *analysis.Pass, obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg() == pass.Pkg {
		return false
	}
	fn = fn.Origin()
	return pass.ImportObjectFact(fn, new(ResultFact)) || pass.ImportObjectFact(fn, new(SinkFact)) ||
		pass.ImportObjectFact(fn, new(TTLFact))
}

// keyBuilderName reports a name that says its function returns an idempotency or
// dedup key: IdempotencyKey, DedupKey, ChargeKey; not GetUserRecvMsgOptKey, the
// key of an option (model.KeyNamePurpose reads the head of the name).
func keyBuilderName(name string) bool {
	return model.KeyNamePurpose(name) == model.ForDedup
}
