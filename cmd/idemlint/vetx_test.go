package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
)

type fact struct{}

func (*fact) AFact() {}

func TestFactsOnlyIdlesAnalyzersWithoutFacts(t *testing.T) {
	ran := map[string]bool{}
	run := func(name string) func(*analysis.Pass) (any, error) {
		return func(*analysis.Pass) (any, error) { ran[name] = true; return nil, nil }
	}
	summaries := &analysis.Analyzer{Name: "summaries", Doc: "d", Run: run("summaries"), FactTypes: []analysis.Fact{new(fact)}, ResultType: reflect.TypeOf(0)}
	reporter := &analysis.Analyzer{Name: "reporter", Doc: "d", Run: run("reporter"), Requires: []*analysis.Analyzer{summaries}}
	var opt string
	reporter.Flags.StringVar(&opt, "opt", "", "an option go vet passes to every package")
	exporter := &analysis.Analyzer{Name: "exporter", Doc: "d", Run: run("exporter"), FactTypes: []analysis.Fact{new(fact)}}

	got := factsOnly([]*analysis.Analyzer{reporter, exporter})

	require.Len(t, got, 2)
	assert.NotSame(t, reporter, got[0], "an analyzer without facts is replaced")
	assert.Equal(t, "reporter", got[0].Name)
	require.NoError(t, got[0].Flags.Set("opt", "v"), "flags are kept")
	assert.Equal(t, "v", opt, "and set the original's variables")
	assert.Equal(t, reporter.Requires, got[0].Requires, "requirements still run for their facts")
	assert.Same(t, exporter, got[1], "an analyzer with facts is kept")
	_, err := got[0].Run(nil)
	require.NoError(t, err)
	assert.False(t, ran["reporter"], "the idle copy does not run the analysis")
}

func TestFactsOnlyRunReadsVetxOnly(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	dep := write("dep.cfg", `{"ID":"x","VetxOnly":true}`)
	top := write("top.cfg", `{"ID":"y","VetxOnly":false}`)
	assert.True(t, factsOnlyRun([]string{"idemlint", "-json", dep}))
	assert.False(t, factsOnlyRun([]string{"idemlint", top}))
	assert.False(t, factsOnlyRun([]string{"idemlint", "./..."}))
	assert.False(t, factsOnlyRun([]string{"idemlint", filepath.Join(dir, "missing.cfg")}))
}
