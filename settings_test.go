package idemlint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint"
	"github.com/idemlint/idemlint/internal/config"
	"github.com/idemlint/idemlint/internal/effects"
)

// suiteAnalyzer returns the analyzer of idemlint.Analyzers() named name: the copy
// the command runs, switched by the configuration.
func suiteAnalyzer(t *testing.T, name string) *analysis.Analyzer {
	for _, a := range idemlint.Analyzers() {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no analyzer %s", name)
	return nil
}

// TestEveryAnalyzerHasASection: an analyzer added to the suite gets a section in
// the configuration schema (enabled: false, its options), as the README promises.
func TestEveryAnalyzerHasASection(t *testing.T) {
	cfg := new(config.Config)
	for _, a := range idemlint.Analyzers() {
		assert.True(t, cfg.HasSection(a.Name), "config.Config has no section %s", a.Name)
	}
}

// TestConfigFileDeclaresWrappers: a package's .idemlint.yml declares a team's
// wrappers, which turns a missed check-then-act into a finding there (cfgwrapper),
// not in a package without the file (cfgwrappernone), and not where the file turns
// the analyzer off (cfgwrapperoff).
func TestConfigFileDeclaresWrappers(t *testing.T) {
	dir, err := filepath.Abs("analysistest/testdata")
	require.NoError(t, err)
	analysistest.Run(t, dir, suiteAnalyzer(t, "checkthenact"), "cfgwrapper", "cfgwrappernone", "cfgwrapperoff")
	analysistest.Run(t, dir, suiteAnalyzer(t, "checkthenact"), "cfgwrappernone")
}

// TestConfigFlag: -config names one file for every package, instead of each
// package's nearest .idemlint.yml.
func TestConfigFlag(t *testing.T) {
	dir, err := filepath.Abs("analysistest/testdata")
	require.NoError(t, err)
	cfg := filepath.Join(t.TempDir(), "team.yml")
	src, err := os.ReadFile(filepath.Join(dir, "src", "cfgwrapper", config.FileName))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cfg, src, 0o644))
	setFlag(t, effects.Analyzer, effects.FlagConfig, cfg)

	var got []string
	for _, r := range analysistest.Run(quiet{}, dir, suiteAnalyzer(t, "checkthenact"), "cfgwrappernone", "cfgwrapperoff") {
		for _, d := range r.Diagnostics {
			got = append(got, r.Pass.Pkg.Name()+": "+strings.SplitN(d.Message, " is not atomic", 2)[0])
		}
	}
	assert.ElementsMatch(t, []string{
		`cfgwrappernone: Seen then Mark of "job:"+id`,
		`cfgwrapperoff: Seen then Mark of "job:"+id`,
	}, got, "the -config file applies to both packages; their own files do not")
}

// TestConfigFileOption: dedupttl.min in a package's .idemlint.yml raises the minimum
// there (a 36h marker is short of 48h; the default 24h would accept it).
func TestConfigFileOption(t *testing.T) {
	dir, err := filepath.Abs("analysistest/testdata")
	require.NoError(t, err)
	analysistest.Run(t, dir, suiteAnalyzer(t, "dedupttl"), "cfgttl")
}

// TestMissingKeySection: the missingkey section declares what the -missingkey.*
// flags do (TestFlags in passes/missingkey), with the same findings on mkconfig.
func TestMissingKeySection(t *testing.T) {
	dir, err := filepath.Abs("analysistest/testdata")
	require.NoError(t, err)
	cfg := filepath.Join(t.TempDir(), "team.yml")
	require.NoError(t, os.WriteFile(cfg, []byte(`missingkey:
  entry:
    - name: mkconfig/bus.Subscribe
      arg: 1
    - name: (*mkconfig.svc).Reconcile
  dedup: ["(*mkconfig/bus.Dedup).Once"]
  effect: ["(*mkconfig/bus.Ledger).Post"]
`), 0o644))
	_, err = config.Load(cfg)
	require.NoError(t, err)
	setFlag(t, effects.Analyzer, effects.FlagConfig, cfg)
	analysistest.Run(t, dir, suiteAnalyzer(t, "missingkey"), "mkconfig")
}
