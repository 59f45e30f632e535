package dedupttl_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/passes/dedupttl"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs("../../analysistest/testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestDedupTTL(t *testing.T) {
	analysistest.Run(t, testdata(t), dedupttl.Analyzer, "ttlbasic", "ttlmore")
}

// TestMinFlag checks a run with a shorter -dedupttl.min.
func TestMinFlag(t *testing.T) {
	if err := dedupttl.Analyzer.Flags.Set("min", "1h"); err != nil {
		t.Fatal(err)
	}
	defer dedupttl.Analyzer.Flags.Set("min", "24h")
	analysistest.Run(t, testdata(t), dedupttl.Analyzer, "ttlflag")
}
