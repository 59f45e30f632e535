// Package idemlint is the suite of idempotency analyzers. Analyzers is the one list
// that the idemlint command, go vet -vettool and the golangci-lint plugin all run.
package idemlint

import (
	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/passes/checkthenact"
	"github.com/idemlint/idemlint/passes/headermismatch"
)

// Analyzers returns every idemlint analyzer, in a stable order.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		checkthenact.Analyzer,
		headermismatch.Analyzer,
	}
}
