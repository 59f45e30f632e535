package main

import (
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint"
	"github.com/idemlint/idemlint/internal/guard"
)

// The test binary stands in for the idemlint command when IDEMLINT_TEST_MAIN says
// so (runIdemlint, go vet -vettool=<test binary>, and -sarif, which runs the binary
// it is in again):
const (
	asCommand   = "1"     // the command itself
	asPanicking = "panic" // the command whose checkthenact panics on every package
)

// panicking is the analyzer that panics in the asPanicking command.
const panicking = "checkthenact"

func TestMain(m *testing.M) {
	switch os.Getenv("IDEMLINT_TEST_MAIN") {
	case asCommand:
		main()
		os.Exit(0)
	case asPanicking:
		command(withPanic(idemlint.Analyzers(), panicking))
		os.Exit(0)
	}
	os.Setenv("IDEMLINT_TEST_MAIN", "0")
	os.Exit(m.Run())
}

// withPanic returns analyzers with the one named name replaced by a guarded copy
// that panics on every package, as a bug in it would: the guard idemlint.Analyzers
// puts around each analyzer is the one under test.
func withPanic(analyzers []*analysis.Analyzer, name string) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		out[i] = a
		if a.Name == name {
			crashing := *a
			crashing.Run = func(*analysis.Pass) (any, error) { panic("injected by the test") }
			out[i] = guard.Root(&crashing)
		}
	}
	return out
}
