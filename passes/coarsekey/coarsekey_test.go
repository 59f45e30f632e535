package coarsekey_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/testtree"
	"github.com/idemlint/idemlint/passes/coarsekey"
)

// testdata is the shared testdata tree with the stubs of third-party packages.
func testdata(t *testing.T) string { return testtree.Dir(t) }

func TestCoarseKey(t *testing.T) {
	analysistest.Run(t, testdata(t), coarsekey.Analyzer, "ckbasic", "ckkeys", "ckstore", "ckuser", "ckstripe", "ckfresh", "ckmore", "ckwhere", "ckhand", "ckwrapuse", "ckdup", "ckgatewayuse", "ckrecords")
}
