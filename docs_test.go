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

// readmeURL is where every Analyzer.URL points, at an anchor of README.md.
const readmeURL = "https://github.com/idemlint/idemlint#"

// TestURLsPointAtREADME: every analyzer, and every analyzer they require that has
// a URL, links to a section of the README that exists.
func TestURLsPointAtREADME(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	anchors := headingAnchors(string(readme))
	for _, a := range withRequired(idemlint.Analyzers()) {
		if strings.HasPrefix(a.URL, "https://pkg.go.dev/golang.org/x/tools/") {
			continue // x/tools' own analyzers (buildssa, inspect)
		}
		if !assert.True(t, strings.HasPrefix(a.URL, readmeURL), "%s: URL %q", a.Name, a.URL) {
			continue
		}
		anchor := strings.TrimPrefix(a.URL, readmeURL)
		assert.True(t, anchors[anchor], "%s: README.md has no heading for #%s", a.Name, anchor)
	}
}

// TestFlagsInREADME: the README's Flags table lists every flag an analyzer offers.
func TestFlagsInREADME(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for _, a := range idemlint.Analyzers() {
		a.Flags.VisitAll(func(f *flag.Flag) {
			assert.Contains(t, string(readme), "`-"+a.Name+"."+f.Name, "%s.%s is not in the README", a.Name, f.Name)
		})
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

// headingAnchors returns the anchors GitHub makes of the README's headings: lower
// case, punctuation dropped, spaces as '-'.
func headingAnchors(md string) map[string]bool {
	out := map[string]bool{}
	drop := regexp.MustCompile("[^a-z0-9 _-]")
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(line, "#")))
		out[strings.ReplaceAll(drop.ReplaceAllString(h, ""), " ", "-")] = true
	}
	return out
}
