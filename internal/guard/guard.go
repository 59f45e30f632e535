// Package guard keeps one analyzer's panic from taking down the others: a recovered
// panic becomes an "internal error" diagnostic at the package being analyzed, so the
// other analyzers' findings on that package (and every finding on other packages)
// still come out, standalone, under go vet and inside golangci-lint.
package guard

import (
	"fmt"
	"go/token"
	"runtime"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Category is the diagnostic category of internal errors.
const Category = "internal"

// module is the import path prefix of idemlint's own code, to find the panicking frame.
const module = "github.com/idemlint/idemlint/"

// Failure is a recovered panic of one analyzer on one package.
type Failure struct {
	Analyzer string
	Pos      token.Pos // the package clause of the package's first file
	Value    any       // what was passed to panic
	Frame    string    // file:line of the innermost idemlint frame that panicked
}

// Failed is implemented by the result of a prerequisite analyzer whose run may have
// panicked: the analyzers that require it report the failure on its behalf, since a
// prerequisite's own diagnostics are never printed.
type Failed interface{ Failed() *Failure }

// Diagnostic reports f as a finding the user can paste into a bug report.
func (f *Failure) Diagnostic() analysis.Diagnostic {
	return analysis.Diagnostic{
		Pos:      f.Pos,
		Category: Category,
		Message: fmt.Sprintf("internal error: %s panicked (%v) at %s; the package was only partly analyzed, "+
			"please report it at https://github.com/idemlint/idemlint/issues", f.Analyzer, f.Value, f.Frame),
	}
}

// Root returns a copy of a whose Run never panics: a panic is reported as an internal
// error diagnostic, and so is a recovered panic of any prerequisite whose result
// implements Failed. Prerequisites keep their identity (passes look results up by
// them), only the root is copied.
func Root(a *analysis.Analyzer) *analysis.Analyzer {
	guarded := *a
	run := a.Run
	guarded.Run = func(pass *analysis.Pass) (result any, err error) {
		reportPrerequisites(pass)
		defer func() {
			if v := recover(); v != nil {
				pass.Report(failure(pass, v).Diagnostic())
				result, err = nil, nil
			}
		}()
		if injectedPanic(a.Name) {
			panic("injected by the test build") // proves, end to end, that a driver survives a panic
		}
		return run(pass)
	}
	return &guarded
}

// Prerequisite wraps the run function of an analyzer that others require: a panic
// returns fallback(failure), a result that implements Failed and that the
// requiring analyzers can read as empty.
func Prerequisite(run func(*analysis.Pass) (any, error), fallback func(*Failure) any) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if v := recover(); v != nil {
				result, err = fallback(failure(pass, v)), nil
			}
		}()
		return run(pass)
	}
}

// reportPrerequisites reports the failures of pass's prerequisites.
func reportPrerequisites(pass *analysis.Pass) {
	for _, req := range pass.Analyzer.Requires {
		if r, ok := pass.ResultOf[req].(Failed); ok {
			if f := r.Failed(); f != nil {
				pass.Report(f.Diagnostic())
			}
		}
	}
}

// failure describes a panic with value v, called from the deferred recover while the
// panicking frames are still on the stack.
func failure(pass *analysis.Pass, v any) *Failure {
	f := &Failure{Analyzer: pass.Analyzer.Name, Value: v, Frame: panicFrame()}
	if len(pass.Files) > 0 {
		f.Pos = pass.Files[0].Package
	}
	return f
}

// panicFrame returns the innermost frame of idemlint code outside this file, where
// the panic happened, as dir/file.go:line. Frames are told apart by file, not by
// function name: Root's closures are inlined into, and named after, their callers.
func panicFrame() string {
	_, self, _, _ := runtime.Caller(0)
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		fr, more := frames.Next()
		if strings.HasPrefix(fr.Function, module) && fr.File != self {
			return fmt.Sprintf("%s:%d", shortFile(fr.File), fr.Line)
		}
		if !more {
			return "unknown location"
		}
	}
}

// shortFile trims a source path to its last two elements (package dir and file).
func shortFile(path string) string {
	parts := strings.Split(path, "/")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, "/")
}
