package checkthenact_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/passes/checkthenact"
)

// testdata is the shared testdata tree with the stubs of third-party packages.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs("../../analysistest/testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCheckThenAct(t *testing.T) {
	analysistest.Run(t, testdata(t), checkthenact.Analyzer, "ctagoredis", "ctaredigo", "ctasql", "ctapgx", "ctamap", "ctagoredisv8", "ctalock", "ctastore", "ctastoreuser", "ctaclosure", "ctawatch", "ctashapes")
}

// TestSuggestedFix checks the SetNX rewrite against golden files.
func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), checkthenact.Analyzer, "ctafix")
}
