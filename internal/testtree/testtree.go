// Package testtree locates the shared testdata tree of the analyzers' tests:
// analysistest/testdata, with its case packages and the stubs of third-party
// packages under their real import paths.
package testtree

import (
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the absolute path of analysistest/testdata, wherever the test runs.
func Dir(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testtree: cannot locate the source tree")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "analysistest", "testdata")
}
