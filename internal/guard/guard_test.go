package guard_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/idemlint/idemlint/internal/guard"
	"github.com/idemlint/idemlint/internal/testtree"
)

// testdata is the shared testdata tree with the stubs of third-party packages.
func testdata(t *testing.T) string { return testtree.Dir(t) }

// crash panics on packages named guardpanic*, like an analyzer meeting code it never
// expected.
func crash(pass *analysis.Pass) (any, error) {
	if strings.HasPrefix(pass.Pkg.Name(), "guardpanic") {
		panic("boom")
	}
	return nil, nil
}

// calmRun reports every package, standing for the analyzers that work.
func calmRun(pass *analysis.Pass) (any, error) {
	pass.Reportf(pass.Files[0].Package, "calm: package %s", pass.Pkg.Name())
	return nil, nil
}

var (
	crasher = &analysis.Analyzer{Name: "crasher", Doc: "panics on guardpanic", Run: crash}
	calm    = &analysis.Analyzer{Name: "calm", Doc: "reports each package", Run: calmRun}
)

// TestRootPanicIsAFinding: the panic is an internal-error finding at the package
// clause, naming the analyzer, the panic value and the frame that panicked.
func TestRootPanicIsAFinding(t *testing.T) {
	analysistest.Run(t, testdata(t), guard.Root(crasher), "guardpanic")
}

// TestRootKeepsTheOriginal: the analyzer a pass package exports is not changed.
func TestRootKeepsTheOriginal(t *testing.T) {
	g := guard.Root(crasher)
	assert.NotSame(t, crasher, g)
	assert.Equal(t, crasher.Name, g.Name)
	assert.Equal(t, reflect.ValueOf(crash).Pointer(), reflect.ValueOf(crasher.Run).Pointer())
}

// TestOthersSurvive runs both analyzers in one checker run, as idemlint does: without
// the guard the panic would end the process and lose calm's finding.
func TestOthersSurvive(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module guardpanic\n\ngo 1.26\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p.go"), []byte("package guardpanic\n"), 0o644))
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}, ".")
	require.NoError(t, err)
	graph, err := checker.Analyze([]*analysis.Analyzer{guard.Root(crasher), guard.Root(calm)}, pkgs, nil)
	require.NoError(t, err)
	var got []string
	for _, act := range graph.Roots {
		require.NoError(t, act.Err)
		for _, d := range act.Diagnostics {
			got = append(got, act.Analyzer.Name+": "+d.Message)
		}
	}
	require.Len(t, got, 2)
	assert.Contains(t, got, "calm: calm: package guardpanic")
	assert.True(t, strings.HasPrefix(got[0], "crasher: internal error: crasher panicked (boom)"), got[0])
}

// failedResult is a prerequisite's result that carries its recovered panic.
type failedResult struct{ failure *guard.Failure }

func (r *failedResult) Failed() *guard.Failure { return r.failure }

// TestPrerequisitePanic: a panicking prerequisite hands an empty result to the
// analyzers that require it, and they report its failure.
func TestPrerequisitePanic(t *testing.T) {
	prereq := &analysis.Analyzer{Name: "prereq", Doc: "panics on guardpanic", ResultType: reflect.TypeFor[*failedResult](),
		Run: guard.Prerequisite(func(pass *analysis.Pass) (any, error) {
			_, err := crash(pass)
			return &failedResult{}, err
		}, func(f *guard.Failure) any { return &failedResult{f} })}
	user := &analysis.Analyzer{Name: "user", Doc: "requires prereq", Requires: []*analysis.Analyzer{prereq},
		Run: func(pass *analysis.Pass) (any, error) { return nil, nil }}
	analysistest.Run(t, testdata(t), guard.Root(user), "guardpanicprereq")
}
