// Package checkthenact defines an Analyzer that reports non-atomic check-then-act on
// a shared store.
package checkthenact

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

const Doc = `report non-atomic check-then-act on a shared store`

var Analyzer = &analysis.Analyzer{
	Name:     "checkthenact",
	Doc:      Doc,
	URL:      "https://github.com/idemlint/idemlint#checkthenact",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) { return nil, nil }
