package idemlint_test

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/testtree"
	"github.com/idemlint/idemlint/passes/checkthenact"
	"github.com/idemlint/idemlint/passes/headermismatch"
)

// quiet is an analysistest.Testing that ignores `// want` mismatches: these tests
// compare the findings of runs with each other.
type quiet struct{}

func (quiet) Errorf(string, ...any) {}

// findings runs a on pkg of the shared testdata tree and returns its messages.
func findings(t *testing.T, a *analysis.Analyzer, pkg string) []string {
	var out []string
	for _, r := range analysistest.Run(quiet{}, testtree.Dir(t), a, pkg) {
		require.NoError(t, r.Err)
		for _, d := range r.Diagnostics {
			out = append(out, d.Message)
		}
	}
	sort.Strings(out)
	return out
}

// setFlag sets a flag of a for the rest of the test only.
func setFlag(t *testing.T, a *analysis.Analyzer, name, value string) {
	require.NoError(t, a.Flags.Set(name, value))
	t.Cleanup(func() { require.NoError(t, a.Flags.Set(name, "")) })
}

// TestFlagsAreRunScoped: configuration is read once per run from the flags it
// starts with, never registered into a package-level table. A flag set for one
// analyzer in one test changes neither another analyzer's findings nor those of a
// later test: declared rows used to stay registered in the model for good.
func TestFlagsAreRunScoped(t *testing.T) {
	const wrappers = "(*ctawrapper/mycache.Store).Has=read:key=1,(*ctawrapper/mycache.Store).Put=write:key=1"
	ctaBefore := findings(t, checkthenact.Analyzer, "ctawrapper")
	hmBefore := findings(t, headermismatch.Analyzer, "hmflag")
	require.Empty(t, ctaBefore, "without declared wrappers ctawrapper has no known store calls")

	t.Run("checkthenact.func", func(t *testing.T) {
		setFlag(t, checkthenact.Analyzer, "func", wrappers)
		assert.NotEmpty(t, findings(t, checkthenact.Analyzer, "ctawrapper"), "the declared rows apply to this run")
		assert.Equal(t, hmBefore, findings(t, headermismatch.Analyzer, "hmflag"))
	})
	t.Run("headermismatch.sent", func(t *testing.T) {
		setFlag(t, headermismatch.Analyzer, "sent", "X-Event-Id")
		assert.NotEqual(t, hmBefore, findings(t, headermismatch.Analyzer, "hmflag"), "the sent name applies to this run")
		assert.Equal(t, ctaBefore, findings(t, checkthenact.Analyzer, "ctawrapper"))
	})
	t.Run("later", func(t *testing.T) {
		assert.Equal(t, ctaBefore, findings(t, checkthenact.Analyzer, "ctawrapper"))
		assert.Equal(t, hmBefore, findings(t, headermismatch.Analyzer, "hmflag"))
	})
}
