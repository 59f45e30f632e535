package coarsekey_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/passes/coarsekey"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs("../../analysistest/testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCoarseKey(t *testing.T) {
	analysistest.Run(t, testdata(t), coarsekey.Analyzer, "ckbasic", "ckkeys", "ckstore", "ckuser", "ckstripe", "ckfresh", "ckmore")
}
