package effects

import (
	"go/build"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
)

// TestCode reports whether fn is test code: in a _test.go file, or a test helper
// that takes *testing.T or testing.TB (a fixture that seeds a dedup key with a short
// TTL), or a closure inside one. Tests feed one delivery; nothing redelivers it.
func TestCode(pass *analysis.Pass, fn *ssa.Function) bool {
	if inTestFile(pass.Fset, fn.Pos()) {
		return true
	}
	for ; fn != nil; fn = fn.Parent() {
		for _, p := range fn.Params {
			if model.TestingType(p.Type()) {
				return true
			}
		}
	}
	return false
}

// StandardLibrary reports a package of the standard library: its files are in
// GOROOT. What its APIs do to a store is the model's to say, not its code's.
func StandardLibrary(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 || build.Default.GOROOT == "" {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	return strings.HasPrefix(name, filepath.Join(build.Default.GOROOT, "src")+string(filepath.Separator))
}

// inTestFile reports whether pos is in a _test.go file.
func inTestFile(fset *token.FileSet, pos token.Pos) bool {
	f := fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}
