package idemlint_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/testtree"
	"github.com/idemlint/idemlint/passes/checkthenact"
	"github.com/idemlint/idemlint/passes/coarsekey"
	"github.com/idemlint/idemlint/passes/dedupttl"
	"github.com/idemlint/idemlint/passes/headermismatch"
	"github.com/idemlint/idemlint/passes/missingkey"
)

// BenchmarkAnalyzers runs each analyzer on some of its case packages through
// analysistest (loading, type checking, SSA and the shared engines included), one
// sub-benchmark per analyzer, so that a regression in one shows. No timing is
// asserted anywhere; passes/checkthenact's BenchmarkCheckThenAct and
// internal/ssaonce's BenchmarkIrrelevantPackage time big generated packages.
//
//	go test . -run '^$' -bench Analyzers -benchtime 3x
//	go test . -run '^$' -bench Analyzers/coarsekey -benchtime 3x -cpuprofile cpu.out
func BenchmarkAnalyzers(b *testing.B) {
	for _, c := range []struct {
		a    *analysis.Analyzer
		pkgs []string
	}{
		{checkthenact.Analyzer, []string{"ctagoredis", "ctasql", "ctahelpers", "ctastore", "ctastoreuser", "ctagorm"}},
		{coarsekey.Analyzer, []string{"ckbasic", "ckkeys", "ckstore", "ckuser", "ckfresh"}},
		{dedupttl.Analyzer, []string{"ttlbasic", "ttlmore", "ttlstore", "ttluser"}},
		{headermismatch.Analyzer, []string{"hmseed", "hmprovider", "hmgin", "hmwrap", "hmwrapuse", "hmattempt", "hmattemptsrv"}},
		{missingkey.Analyzer, []string{"mkkafka", "mkbrokers", "mkhttp"}},
	} {
		b.Run(c.a.Name, func(b *testing.B) {
			for b.Loop() {
				analysistest.Run(b, testtree.Dir(b), c.a, c.pkgs...)
			}
		})
	}
}
