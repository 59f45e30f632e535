package dedupttl_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/testtree"
	"github.com/idemlint/idemlint/passes/dedupttl"
)

// testdata is the shared testdata tree with the stubs of third-party packages.
func testdata(t *testing.T) string { return testtree.Dir(t) }

func TestDedupTTL(t *testing.T) {
	analysistest.Run(t, testdata(t), dedupttl.Analyzer, "ttlbasic", "ttlmore", "ttlstore", "ttluser")
}

// TestMinFlag checks a run with a shorter -dedupttl.min.
func TestMinFlag(t *testing.T) {
	if err := dedupttl.Analyzer.Flags.Set("min", "1h"); err != nil {
		t.Fatal(err)
	}
	defer dedupttl.Analyzer.Flags.Set("min", "24h")
	analysistest.Run(t, testdata(t), dedupttl.Analyzer, "ttlflag")
}
