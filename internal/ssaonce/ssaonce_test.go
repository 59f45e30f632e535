package ssaonce_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/idemlint/idemlint"
	"github.com/idemlint/idemlint/internal/ssaonce"
	"github.com/idemlint/idemlint/internal/testtree"
)

// probe runs after every idemlint analyzer on a package and says whether any of
// them built the package's SSA form.
var probe = &analysis.Analyzer{
	Name:     "ssaprobe",
	Doc:      "report whether the idemlint analyzers built the package's SSA form",
	Requires: append([]*analysis.Analyzer{ssaonce.Analyzer}, idemlint.Analyzers()...),
	Run: func(pass *analysis.Pass) (any, error) {
		msg := "no SSA"
		if ssaonce.Of(pass).Built() {
			msg = "SSA built"
		}
		pass.Reportf(pass.Files[0].Package, "%s", msg)
		return nil, nil
	},
}

// TestSSAOnlyWhereNeeded: a package that imports no modeled API and calls no
// summarized helper gets no SSA form; one that calls go-redis, or a helper with
// an effects summary, does.
func TestSSAOnlyWhereNeeded(t *testing.T) {
	analysistest.Run(t, testtree.Dir(t), probe, "ssaskip", "ssabuild", "ssafacts")
}

// floor builds SSA for the package and does nothing else: what buildssa costs.
var floor = &analysis.Analyzer{
	Name:     "ssafloor",
	Doc:      "build SSA and nothing else",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

// BenchmarkIrrelevantPackage runs the whole suite, and buildssa alone, on one
// generated package of plain code (3000 functions, no store, header or broker):
// the suite should cost less than building SSA, since it builds none.
//
//	go test ./internal/ssaonce -run '^$' -bench IrrelevantPackage -benchtime 3x
func BenchmarkIrrelevantPackage(b *testing.B) {
	dir := b.TempDir()
	src := plainPackage(3000)
	if err := os.MkdirAll(filepath.Join(dir, "src", "plain"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "src", "plain", "plain.go"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("suite", func(b *testing.B) {
		for b.Loop() {
			analysistest.Run(b, dir, probe, "plain")
		}
	})
	b.Run("buildssa", func(b *testing.B) {
		for b.Loop() {
			analysistest.Run(b, dir, floor, "plain")
		}
	})
}

// plainPackage returns package plain with n functions of ordinary code.
func plainPackage(n int) string {
	var w strings.Builder
	w.WriteString("package plain // want \"no SSA\"\n\nimport (\n\t\"strconv\"\n\t\"strings\"\n)\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&w, `
func plain%[1]d(a string, b int) string {
	var parts []string
	for j := 0; j < b%%7; j++ {
		parts = append(parts, strconv.Itoa(j)+a)
	}
	if len(parts) == 0 {
		return a
	}
	return strings.Join(parts, ",")
}
`, i)
	}
	return w.String()
}
