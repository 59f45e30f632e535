// Command ssafloor is the floor scripts/bench.sh holds idemlint to: one analyzer
// that builds every package's SSA form (buildssa) and walks every instruction, and
// nothing else. It exports a package fact, as idemlint's shared analyzers do, so
// the driver loads and analyzes every dependency from source, as it must for
// idemlint; without one, dependencies would come from export data and the floor
// would measure a different job.
//
//	go build -o /tmp/ssafloor ./internal/cmd/ssafloor && /tmp/ssafloor ./...
package main

import (
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// Analyzer builds SSA and counts the instructions and their operands.
var Analyzer = &analysis.Analyzer{
	Name:       "ssafloor",
	Doc:        "build SSA for every package and walk every instruction (a cost floor for benchmarks)",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[int](),
	FactTypes:  []analysis.Fact{new(count)},
}

// count is a package's number of SSA instructions, exported so that importers'
// runs depend on it, like idemlint's summaries.
type count struct{ N int }

func (*count) AFact() {}

func run(pass *analysis.Pass) (any, error) {
	n := 0
	for _, fn := range pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA).SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				n += 1 + len(instr.Operands(nil))
			}
		}
	}
	pass.ExportPackageFact(&count{N: n})
	return n, nil
}

func main() { singlechecker.Main(Analyzer) }
