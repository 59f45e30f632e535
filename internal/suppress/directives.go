package suppress

import (
	"go/ast"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// CheckerName is the name of the analyzer that checks the ignore directives.
const CheckerName = "ignorereason"

const checkerDoc = `report //idemlint:ignore directives without a reason or naming an unknown analyzer

A suppression is a claim that a duplicate delivery is harmless here; the next
reader needs to know why, and a misspelled analyzer name suppresses nothing:

	//idemlint:ignore checkthenact                    // reported: no reason
	//idemlint:ignore checkthenat the caller claims   // reported: unknown analyzer

Write //idemlint:ignore <analyzer>[,<analyzer>] <reason>, or "all" for every
analyzer.`

// Checker returns the analyzer that reports malformed ignore directives; known are
// the names of the analyzers of the suite, which a directive may name.
func Checker(known []string) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: CheckerName,
		Doc:  checkerDoc,
		URL:  "https://github.com/idemlint/idemlint#suppressing-a-finding",
		Run:  func(pass *analysis.Pass) (any, error) { return nil, checkDirectives(pass, known) },
	}
}

// checkDirectives reports each directive of pass's files that names no analyzer, an
// unknown one, or gives no reason.
func checkDirectives(pass *analysis.Pass, known []string) error {
	for _, file := range pass.Files {
		for _, cg := range file.Comments {
			for _, c := range cg.List {
				checkDirective(pass, c, known)
			}
		}
	}
	return nil
}

// checkDirective reports what is wrong with one comment, if it is a directive.
func checkDirective(pass *analysis.Pass, c *ast.Comment, known []string) {
	d, ok := parse(c.Text)
	if !ok {
		return
	}
	if len(d.analyzers) == 0 {
		pass.Reportf(c.Pos(), "//idemlint:ignore names no analyzer: write //idemlint:ignore <analyzer> <reason>")
		return
	}
	for _, name := range d.analyzers {
		if name != all && !slices.Contains(known, name) {
			pass.Reportf(c.Pos(), "//idemlint:ignore names unknown analyzer %q, so it suppresses nothing (known: %s)",
				name, strings.Join(known, ", "))
		}
	}
	if d.reason == "" {
		pass.Reportf(c.Pos(), "//idemlint:ignore %s gives no reason: say why a duplicate delivery is harmless here",
			strings.Join(d.analyzers, ","))
	}
}
