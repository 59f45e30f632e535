package idemlint_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/testtree"
	"github.com/idemlint/idemlint/passes/checkthenact"
	"github.com/idemlint/idemlint/passes/headermismatch"
)

// quiet is an analysistest.Testing that ignores `// want` mismatches: these tests
// compare the findings of runs with each other.
type quiet struct{}

func (quiet) Errorf(string, ...any) {}

// probe is an analyzer like any other pass: it reads the run's configuration from
// the effects Result and reports it, so a test can see what a run sees.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report the run's configuration",
	Requires: []*analysis.Analyzer{effects.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		t := pass.ResultOf[effects.Analyzer].(*effects.Result).Table
		pass.Reportf(pass.Files[0].Package, "rows=%d sent=%v names=%v", len(t.Rows), t.Sent, t.Names)
		return nil, nil
	},
}

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
// starts with, into the effects Result, never registered into a package-level
// table. What one test sets for one analyzer is seen by that run only: another
// analyzer's findings do not change with a flag they do not read, and a later test
// sees nothing of it (declared rows used to stay registered in the model for good).
func TestFlagsAreRunScoped(t *testing.T) {
	const wrappers = "(*ctawrapper/mycache.Store).Has=read:key=1,(*ctawrapper/mycache.Store).Put=write:key=1"
	none := []string{"rows=0 sent=[] names=[]"}
	require.Equal(t, none, findings(t, probe, "cfgprobe"))
	ctaBefore := findings(t, checkthenact.Analyzer, "ctawrapper")
	require.Empty(t, ctaBefore, "without declared wrappers ctawrapper has no known store calls")

	t.Run("checkthenact.func", func(t *testing.T) {
		setFlag(t, checkthenact.Analyzer, "func", wrappers)
		assert.Equal(t, []string{"rows=2 sent=[] names=[]"}, findings(t, probe, "cfgprobe"))
	})
	t.Run("headermismatch.sent and names", func(t *testing.T) {
		setFlag(t, headermismatch.Analyzer, "sent", "X-Event-Id")
		setFlag(t, headermismatch.Analyzer, "names", "X-Acme-Delivery")
		assert.Equal(t, []string{"rows=0 sent=[X-Event-Id] names=[X-Acme-Delivery]"}, findings(t, probe, "cfgprobe"))
		assert.Equal(t, ctaBefore, findings(t, checkthenact.Analyzer, "ctawrapper"), "checkthenact reads no header names")
	})
	t.Run("later", func(t *testing.T) {
		assert.Equal(t, none, findings(t, probe, "cfgprobe"))
		assert.Equal(t, ctaBefore, findings(t, checkthenact.Analyzer, "ctawrapper"))
	})
}

// TestConfigure: a config file loader hands the effects analyzer the same rows
// the flag parses; they are the run's like the flag's.
func TestConfigure(t *testing.T) {
	cfg := effects.Config{Sent: []string{"X-Event-Id"}}
	effects.Configure(effects.Analyzer, cfg)
	t.Cleanup(func() { require.NoError(t, effects.Analyzer.Flags.Set(effects.FlagSent, "")) })
	assert.Equal(t, []string{fmt.Sprintf("rows=0 sent=%v names=[]", cfg.Sent)}, findings(t, probe, "cfgprobe"))
}
