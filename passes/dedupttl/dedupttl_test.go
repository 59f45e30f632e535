package dedupttl_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/testtree"
	"github.com/idemlint/idemlint/passes/dedupttl"
)

// testdata is the shared testdata tree with the stubs of third-party packages.
func testdata(t *testing.T) string { return testtree.Dir(t) }

func TestDedupTTL(t *testing.T) {
	analysistest.Run(t, testdata(t), dedupttl.Analyzer, "ttlbasic", "ttlmore", "ttlstore", "ttluser", "ttlrueidis", "ttlfactory", "ttldecoded", "ttlnoun", "ttllease", "ttllease/released")
}

// TestMinFlag checks a run with a shorter -dedupttl.min.
func TestMinFlag(t *testing.T) {
	if err := dedupttl.Analyzer.Flags.Set("min", "1h"); err != nil {
		t.Fatal(err)
	}
	defer dedupttl.Analyzer.Flags.Set("min", "24h")
	analysistest.Run(t, testdata(t), dedupttl.Analyzer, "ttlflag")
}

// TestDeclaredTTL: a wrapper declared with ttl=N (a time.Duration argument) has its
// TTL checked; the declaration is the run's, set and cleared here.
func TestDeclaredTTL(t *testing.T) {
	rows := "(*ttlwrapper/mycache.Store).Claim=claim:key=1:ttl=2,(*ttlwrapper/mycache.Store).ClaimSeconds=claim:key=1:ttl=2"
	if err := effects.Analyzer.Flags.Set(effects.FlagFunc, rows); err != nil {
		t.Fatal(err)
	}
	defer effects.Analyzer.Flags.Set(effects.FlagFunc, "")
	analysistest.Run(t, testdata(t), dedupttl.Analyzer, "ttlwrapper")
}
