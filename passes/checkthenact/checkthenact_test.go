package checkthenact_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/testtree"
	"github.com/idemlint/idemlint/passes/checkthenact"
)

// testdata is the shared testdata tree with the stubs of third-party packages.
func testdata(t *testing.T) string { return testtree.Dir(t) }

func TestCheckThenAct(t *testing.T) {
	analysistest.Run(t, testdata(t), checkthenact.Analyzer, "ctagoredis", "ctaredigo", "ctasql", "ctapgx", "ctamap", "ctagoredisv8", "ctalock", "ctastore", "ctastoreuser", "ctaclosure", "ctawatch", "ctashapes", "ctarepo", "ctahelpers", "ctarecursion", "ctarueidis", "ctagorm", "ctamongo", "ctadynamo", "ctalockown", "ctacli", "ctagenerated")
}

// TestSuggestedFix checks the SetNX rewrite against golden files.
func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), checkthenact.Analyzer, "ctafix")
}

// TestUserWrappers declares a company's own cache client with -checkthenact.func.
func TestUserWrappers(t *testing.T) {
	err := checkthenact.Analyzer.Flags.Set("func",
		"(*ctawrapper/mycache.Store).Has=read:key=1,(*ctawrapper/mycache.Store).Put=write:key=1,(*ctawrapper/mycache.Store).Claim=claim:key=1")
	if err != nil {
		t.Fatal(err)
	}
	defer checkthenact.Analyzer.Flags.Set("func", "")
	analysistest.Run(t, testdata(t), checkthenact.Analyzer, "ctawrapper")
}

// TestBadWrapperFlag: a malformed declaration is a clear error, not a panic.
func TestBadWrapperFlag(t *testing.T) {
	err := checkthenact.Analyzer.Flags.Set("func", "(*mycorp.Store).Claim=grab")
	if err == nil || !strings.Contains(err.Error(), "unknown kind") {
		t.Fatalf("got %v, want an unknown kind error", err)
	}
}

// TestLibraryCache runs a module (pass.Module is set only in module mode): a map
// the standard library checks and fills inside its own functions is its cache; one
// of this module's packages is still a dedup.
func TestLibraryCache(t *testing.T) {
	analysistest.Run(t, filepath.Join(testdata(t), "mod", "libcache"), checkthenact.Analyzer, "./...")
}
