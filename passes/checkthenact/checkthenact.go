package checkthenact

import (
	"flag"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/keyexpr"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/suppress"
)

const name = "checkthenact"

var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      Doc,
	URL:      "https://github.com/idemlint/idemlint#checkthenact",
	Requires: []*analysis.Analyzer{effects.Analyzer},
	Run:      run,
	Flags:    flags(),
}

func flags() flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	effects.Alias(fs, effects.FlagFunc) // declared rows are the run's model: every analyzer sees them
	return *fs
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[effects.Analyzer].(*effects.Result)
	ignore := suppress.New(pass, name)
	reported := map[token.Pos]bool{}
	for _, fn := range res.Order {
		f := res.Funcs[fn]
		if f == nil || f.Guarded || len(f.Effects) < 2 {
			continue // nothing to pair, or every op runs inside Watch
		}
		if effects.TestCode(pass, fn) {
			continue // a test's read-then-write is an assertion and a setup, not a delivery
		}
		if cliCommand(f) {
			continue // an operator's command runs once: not a delivery
		}
		for _, act := range f.Effects {
			if !isAct(act) || reported[act.Pos()] {
				continue
			}
			if d, ok := findRace(pass, res.Order, f, act); ok && !ignore.At(act.Pos()) {
				reported[act.Pos()] = true
				pass.Report(d)
			}
		}
	}
	return nil, nil
}

// isAct reports whether e writes without looking at what is there.
func isAct(e *effects.Effect) bool {
	return (e.Kind == model.Write || e.Kind == model.Incr) && !e.Guarded && len(e.Keys) > 0
}

// isCheck reports whether e reads a key and hands its result to the caller.
func isCheck(e *effects.Effect) bool {
	return e.Kind == model.Read && e.Result && !e.Guarded && len(e.Keys) > 0
}

// findRace returns the diagnostic for act if a check of the same key decides it
// (check-then-act) or feeds the value it writes (read-modify-write).
func findRace(pass *analysis.Pass, funcs []*ssa.Function, f *effects.Func, act *effects.Effect) (analysis.Diagnostic, bool) {
	for _, check := range f.Effects {
		if !isCheck(check) || check.Site == act.Site || check.Store != act.Store {
			continue
		}
		key := sameKey(check, act)
		if key == "" || protected(f, check, act) || libraryCache(pass, check, act) {
			continue
		}
		if writesBack(check, act) {
			continue
		}
		taint := f.TaintOf(check)
		if act.Kind == model.Write && writesDerived(taint.Values, check, act) {
			return readModifyWrite(check, act, key), true
		}
		if act.Store.Records() && !inserts(act) {
			continue // an UPDATE decided by a SELECT is a lost update only when it writes what was read
		}
		gate := taint.Gate(act.Site.Block())
		if gate == nil {
			continue
		}
		if isMiss(gate.Cond) && cacheAside(f, check, act) {
			continue
		}
		if memoOfRepeatable(f, check, act) || singleConsumer(funcs, f, check, act) || unsharedMap(check, act) {
			continue
		}
		return checkThenAct(pass, check, act, key), true
	}
	return analysis.Diagnostic{}, false
}

// sameKey returns how to name the key that check and act share, or "".
func sameKey(check, act *effects.Effect) string {
	if keyexpr.DifferentRows(check.Keys, act.Keys) {
		return "" // one key column agrees, another names another row
	}
	ac, bc := check.CanonKeys(), act.CanonKeys()
	for _, a := range ac {
		for j, b := range bc {
			if a == b {
				return act.Keys[j].String()
			}
		}
	}
	return ""
}
