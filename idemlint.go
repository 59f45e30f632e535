// Package idemlint is the suite of idempotency analyzers. Analyzers is the one list
// that the idemlint command, go vet -vettool and the golangci-lint plugin all run.
package idemlint

import (
	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/internal/guard"
	"github.com/idemlint/idemlint/passes/checkthenact"
	"github.com/idemlint/idemlint/passes/headermismatch"
)

// Analyzers returns every idemlint analyzer, in a stable order. Each is a copy whose
// Run turns a panic into an "internal error" finding at the package, so one
// analyzer's bug never hides the others' findings.
func Analyzers() []*analysis.Analyzer {
	return guarded(
		checkthenact.Analyzer,
		headermismatch.Analyzer,
	)
}

// guarded returns guard.Root of each analyzer.
func guarded(as ...*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		out[i] = guard.Root(a)
	}
	return out
}
