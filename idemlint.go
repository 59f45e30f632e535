// Package idemlint is the suite of idempotency analyzers. Analyzers is the one list
// that the idemlint command, go vet -vettool and the golangci-lint plugin all run.
package idemlint

import (
	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/guard"
	"github.com/idemlint/idemlint/internal/suppress"
	"github.com/idemlint/idemlint/passes/checkthenact"
	"github.com/idemlint/idemlint/passes/coarsekey"
	"github.com/idemlint/idemlint/passes/dedupttl"
	"github.com/idemlint/idemlint/passes/headermismatch"
	"github.com/idemlint/idemlint/passes/missingkey"
)

// Analyzers returns every idemlint analyzer, in a stable order. Each is a copy that
// the configuration can turn off per package, and whose Run turns a panic into an
// "internal error" finding at the package, so one analyzer's bug never hides the
// others' findings.
func Analyzers() []*analysis.Analyzer {
	suite := []*analysis.Analyzer{
		checkthenact.Analyzer,
		headermismatch.Analyzer,
		coarsekey.Analyzer,
		dedupttl.Analyzer,
		missingkey.Analyzer,
	}
	return guarded(append(suite, suppress.Checker(names(suite)))...)
}

// names returns the analyzers' names, which an ignore directive may use.
func names(as []*analysis.Analyzer) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Name
	}
	return out
}

// guarded returns guard.Root of each analyzer, switched by the configuration.
func guarded(as ...*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		out[i] = guard.Root(switched(a))
	}
	return out
}

// switched returns a copy of a that does nothing on a package whose configuration
// turns it off (enabled: false in its section).
func switched(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		settings, err := effects.Settings(pass)
		if err != nil {
			return nil, err
		}
		if !settings.Enabled(a.Name) {
			return nil, nil
		}
		return a.Run(pass)
	}
	return &c
}
