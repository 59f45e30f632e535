package main

import (
	"encoding/json"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// factsOnlyRun is what go vet asks for on a dependency package: the tool runs only
// to export facts for the packages above it, and its diagnostics are dropped.
//
// unitchecker keeps every analyzer that requires a fact-producing one (x/tools
// issue 443099: the test is backwards), so checkthenact, which needs the effects
// summaries, would otherwise run its whole analysis on every dependency of the
// module, msgpack and grpc included, only to have its findings discarded. That is
// wasted time and, worse, a crash in code nobody asked to check fails the user's vet.
func factsOnlyRun(args []string) bool {
	unit, ok := vetUnit(args)
	return ok && unit.VetxOnly
}

// unitConfig is what idemlint reads of the .cfg file go vet passes for one package.
type unitConfig struct {
	VetxOnly      bool   // a dependency analyzed only for its facts
	ModuleVersion string // the version of the package's module: "" for the user's own
}

// vetUnit reads the .cfg file of a go vet run on one package, the last argument.
func vetUnit(args []string) (unitConfig, bool) {
	var cfg unitConfig
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return cfg, false
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return cfg, false // unitchecker reports the unreadable config itself
	}
	return cfg, json.Unmarshal(data, &cfg) == nil
}

// factsOnly returns analyzers where each one that neither exports facts nor is
// required by an analyzer that does is replaced by a copy that does nothing. The
// copy keeps its name and flags, so the flags go vet passes to every package still
// parse, and its requirements, so the facts it depends on are still exported.
func factsOnly(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	needed := map[*analysis.Analyzer]bool{}
	var need func(a *analysis.Analyzer)
	need = func(a *analysis.Analyzer) {
		if needed[a] {
			return
		}
		needed[a] = true
		for _, r := range a.Requires {
			need(r)
		}
	}
	for _, a := range analyzers {
		if len(a.FactTypes) > 0 {
			need(a)
		}
	}
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		out[i] = a
		if !needed[a] && a.ResultType == nil { // a result someone reads must still be computed
			idle := *a
			idle.Run = func(*analysis.Pass) (any, error) { return nil, nil }
			out[i] = &idle
		}
	}
	return out
}
