package headermismatch_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/testtree"
	"github.com/idemlint/idemlint/passes/headermismatch"
)

// testdata is the shared testdata tree with the stubs of third-party packages.
func testdata(t *testing.T) string { return testtree.Dir(t) }

// TestHeaderMismatch runs every case package in one load: the seed, exact-match
// lookups, underscores, near misses through facts and shared constants, provider
// webhooks, each framework (gin, echo, fiber, chi, gRPC metadata), wrappers and
// middleware factories (hmfactory*), and which sent header the advice names when
// some are built per attempt (hmattempt*).
func TestHeaderMismatch(t *testing.T) {
	analysistest.Run(t, testdata(t), headermismatch.Analyzer,
		"hmseed", "hmcanon", "hmunderscore", "hmserver", "hmconstsrv", "hmprovider",
		"hmgin", "hmecho", "hmfiber", "hmchi", "hmgrpc", "hmwrap", "hmwrapuse",
		"hmfactory", "hmfactoryuse", "hmattempt", "hmattemptsrv", "hmattemptok", "hmattemptoksrv",
		"hmattemptgh", "hmattemptghsrv", "hmattemptall", "hmattemptallsrv")
}

// TestSuggestedFixes checks the rewrites: Header.Get/Values or MD.Get for an
// exact index, '-' for '_', the sent name for a near miss.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), headermismatch.Analyzer, "hmcanon", "hmunderscore", "hmserver")
}

// TestSentFlag declares what senders outside the module set.
func TestSentFlag(t *testing.T) {
	if err := headermismatch.Analyzer.Flags.Set("sent", "X-Event-Id"); err != nil {
		t.Fatal(err)
	}
	defer headermismatch.Analyzer.Flags.Set("sent", "")
	analysistest.Run(t, testdata(t), headermismatch.Analyzer, "hmflag")
}
