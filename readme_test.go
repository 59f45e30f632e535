package idemlint_test

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint"
)

// readme returns README.md and the anchors of its headings, as GitHub makes them.
func readme(t *testing.T) (string, map[string]bool) {
	b, err := os.ReadFile("README.md")
	require.NoError(t, err)
	anchors := map[string]bool{}
	drop := regexp.MustCompile("[^a-z0-9 _-]")
	for _, line := range strings.Split(string(b), "\n") {
		if title, ok := strings.CutPrefix(line, "## "); ok {
			anchors[strings.ReplaceAll(drop.ReplaceAllString(strings.ToLower(title), ""), " ", "-")] = true
		}
	}
	return string(b), anchors
}

// TestReadmeAnchors: every analyzer's URL, and that of every analyzer of ours they
// require (idemeffects, the provenance engine), points at a section of the README.
func TestReadmeAnchors(t *testing.T) {
	_, anchors := readme(t)
	for _, a := range withRequired(idemlint.Analyzers()) {
		if strings.HasPrefix(a.URL, "https://pkg.go.dev/golang.org/x/tools/") {
			continue // x/tools' own analyzers (buildssa, inspect, ctrlflow)
		}
		anchor, ok := strings.CutPrefix(a.URL, "https://github.com/idemlint/idemlint#")
		if assert.True(t, ok, "%s: URL %q is not a README anchor", a.Name, a.URL) {
			assert.True(t, anchors[anchor], "%s: README has no section #%s", a.Name, anchor)
		}
	}
}

// TestReadmeFlags: every flag of every analyzer, and the command's own, is in the
// README's Flags table.
func TestReadmeFlags(t *testing.T) {
	text, _ := readme(t)
	table := text[strings.Index(text, "\n## Flags"):]
	table = table[:strings.Index(table[1:], "\n## ")+1]
	for _, a := range idemlint.Analyzers() {
		assert.Contains(t, table, "`-"+a.Name, "the switch of %s", a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) {
			assert.Contains(t, table, "`-"+a.Name+"."+f.Name, "flag -%s.%s", a.Name, f.Name)
		})
	}
	for _, name := range []string{"config", "sarif", "json", "fix"} {
		assert.Contains(t, table, "`-"+name, "flag -%s", name)
	}
}

// withRequired returns the analyzers and, transitively, those they require.
func withRequired(roots []*analysis.Analyzer) []*analysis.Analyzer {
	seen := map[*analysis.Analyzer]bool{}
	var out []*analysis.Analyzer
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		out = append(out, a)
		for _, r := range a.Requires {
			visit(r)
		}
	}
	for _, a := range roots {
		visit(a)
	}
	return out
}
