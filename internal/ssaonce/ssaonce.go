// Package ssaonce builds a package's SSA form on demand, at most once, for all the
// idemlint analyzers that share it.
//
// buildssa.Analyzer builds SSA for every package its dependents run on, before any
// of them can look at the package. idemlint's shared analyzers export facts, so
// under go vet (and standalone) they run on every dependency of the module, and
// buildssa with them: SSA for all of grpc and the standard library, only to find
// that almost none of it touches a store, a header or a broker. Here the analyzers
// first decide from the package's imports and the facts of its dependencies
// whether there is anything to find (each keeps its own fast path), and only then
// ask for SSA; a package none of them asks about never gets any.
package ssaonce

import (
	"go/ast"
	"go/types"
	"reflect"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ssa"
)

// Analyzer gives each package a *Lazy, which builds its SSA when first asked.
var Analyzer = &analysis.Analyzer{
	Name:       "idemssa",
	Doc:        "build a package's SSA form when an idemlint analyzer first asks for it (shared by the idemlint passes)",
	URL:        "https://github.com/idemlint/idemlint#performance",
	Requires:   []*analysis.Analyzer{ctrlflow.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Lazy](),
}

// Lazy is one package's SSA form, built by the first call of SSA. Analyzers of one
// package may run in parallel, so building is guarded by a sync.Once.
type Lazy struct {
	pass  *analysis.Pass
	cfgs  *ctrlflow.CFGs
	once  sync.Once
	ssa   *buildssa.SSA
	built atomic.Bool
}

func run(pass *analysis.Pass) (any, error) {
	return &Lazy{pass: pass, cfgs: pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)}, nil
}

// Of returns the package's Lazy from a pass of an analyzer that requires Analyzer.
func Of(pass *analysis.Pass) *Lazy { return pass.ResultOf[Analyzer].(*Lazy) }

// SSA returns the package's SSA form, building it on the first call: the same
// functions as buildssa.Analyzer's, so the analyzers that share them can key maps
// by *ssa.Function.
func (l *Lazy) SSA() *buildssa.SSA {
	l.once.Do(func() {
		l.ssa = build(l.pass, l.cfgs)
		l.built.Store(true)
	})
	return l.ssa
}

// Built reports whether some analyzer asked for the package's SSA form: false on a
// package every analyzer's fast path skipped.
func (l *Lazy) Built() bool { return l.built.Load() }

// build builds the SSA form of pass's package as buildssa does: a program of its
// own, with the direct imports created from their types only, the non-returning
// functions ctrlflow found, and the source functions (literals included) listed in
// source order.
func build(pass *analysis.Pass, cfgs *ctrlflow.CFGs) *buildssa.SSA {
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	prog.SetNoReturn(cfgs.NoReturn)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return &buildssa.SSA{Pkg: pkg, SrcFuncs: sourceFuncs(pass, prog)}
}

// sourceFuncs lists the package's declared functions, each followed by its
// function literals, in source order.
func sourceFuncs(pass *analysis.Pass, prog *ssa.Program) []*ssa.Function {
	var funcs []*ssa.Function
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			if decl, ok := decl.(*ast.FuncDecl); ok {
				add(prog.FuncValue(pass.TypesInfo.Defs[decl.Name].(*types.Func)))
			}
		}
	}
	return funcs
}
