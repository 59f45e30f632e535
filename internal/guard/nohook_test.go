//go:build !idemlint_testpanic

package guard_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/guard"
)

// TestNoPanicHookInReleaseBuilds: a binary built without -tags idemlint_testpanic
// does not read IDEMLINT_TEST_PANIC; an analyzer named there runs as usual.
func TestNoPanicHookInReleaseBuilds(t *testing.T) {
	t.Setenv("IDEMLINT_TEST_PANIC", calm.Name)
	analysistest.Run(t, testdata(t), guard.Root(calm), "guardcalm")
}
