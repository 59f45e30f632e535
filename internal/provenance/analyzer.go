package provenance

import (
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/guard"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssaonce"
)

// Analyzer finds the dedup keys of every function of a package and what they are
// made of, and summarizes key-building and key-using helpers as facts.
var Analyzer = &analysis.Analyzer{
	Name:     "idemprovenance",
	Doc:      "find dedup and idempotency keys and what they are made of (shared by the idemlint passes)",
	URL:      "https://github.com/idemlint/idemlint#coarsekey",
	Requires: []*analysis.Analyzer{ssaonce.Analyzer, effects.Analyzer},
	Run: guard.Prerequisite(run, func(f *guard.Failure) any {
		return &Result{Sinks: map[*ssa.Function][]*Sink{}, TTLCalls: map[*ssa.Function][]*TTLCall{}, failed: f}
	}),
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(ResultFact), new(SinkFact), new(TTLFact)},
}

// Result is the dedup keys of a package.
type Result struct {
	// Order lists the functions with keys in source order.
	Order []*ssa.Function
	Sinks map[*ssa.Function][]*Sink
	// Builders are the helpers of this package that build a coarse key on their
	// own and are used as one (or say so by name): reported where declared.
	Builders []*ssa.Function
	// TTLCalls are the calls that pass a dedup marker's TTL to a helper.
	TTLCalls map[*ssa.Function][]*TTLCall
	engine   *Engine
	failed   *guard.Failure
}

// Failed returns the recovered panic of the run that produced r (or of the effects
// it needs), or nil.
func (r *Result) Failed() *guard.Failure { return r.failed }

// BuilderResult returns what a builder of this package returns.
func (r *Result) BuilderResult(fn *ssa.Function) *ResultFact { return r.engine.Result(fn) }

type collector struct {
	pass    *analysis.Pass
	effects *effects.Result
	engine  *Engine
	sinks   map[*ssa.Function][]*Sink
	ttls    map[*ssa.Function]*TTLFact
	busy    map[*ssa.Function]bool
	ttlBusy map[*ssa.Function]bool
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{Sinks: map[*ssa.Function][]*Sink{}, TTLCalls: map[*ssa.Function][]*TTLCall{}}
	if effects.StandardLibrary(pass) {
		return res, nil // the fast path: the followed std calls are in the model
	}
	eff := pass.ResultOf[effects.Analyzer].(*effects.Result)
	if res.failed = eff.Failed(); res.failed != nil {
		return res, nil
	}
	if !mayHoldKeys(pass, eff) {
		return res, nil // the fast path: no key is used or built here, and no SSA is built
	}
	c := &collector{pass: pass, effects: eff,
		sinks: map[*ssa.Function][]*Sink{}, ttls: map[*ssa.Function]*TTLFact{},
		busy: map[*ssa.Function]bool{}, ttlBusy: map[*ssa.Function]bool{}}
	c.engine = NewEngine(NewNames(pass.Files), c.importResult)
	c.engine.Headers = c.effects.Table.Headers
	res.engine = c.engine
	funcs := ssaonce.Of(pass).SSA().SrcFuncs
	builders := map[*ssa.Function]bool{}
	for _, fn := range funcs {
		if calls := c.ttlCalls(fn); len(calls) > 0 {
			res.TTLCalls[fn] = calls
		}
		sinks := c.sinksOf(fn)
		if len(sinks) == 0 {
			continue
		}
		res.Order = append(res.Order, fn)
		res.Sinks[fn] = sinks
		for _, s := range sinks {
			if b := s.CoarseBuilder(); b != nil && b.Fn != nil && s.Reportable(fn) {
				builders[b.Fn] = true
			}
		}
	}
	for _, fn := range funcs {
		if builders[fn] || c.namedBuilder(fn) {
			c.engine.Result(fn).Reported = true
			res.Builders = append(res.Builders, fn)
		}
	}
	c.exportFacts(funcs)
	return res, nil
}

// namedBuilder reports an exported helper named like an idempotency key builder
// (IdempotencyKey, DedupKey, ChargeKey) that builds a coarse key on its own.
func (c *collector) namedBuilder(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || !obj.Exported() || fn.Parent() != nil || !keyBuilderName(fn.Name()) {
		return false
	}
	r := c.engine.Result(fn)
	return r != nil && r.Coarse
}

// sinksOf returns fn's dedup keys, computed once.
func (c *collector) sinksOf(fn *ssa.Function) []*Sink {
	if s, ok := c.sinks[fn]; ok {
		return s
	}
	if c.busy[fn] {
		return nil // recursion: the cycle adds nothing
	}
	c.busy[fn] = true
	defer delete(c.busy, fn)
	s := c.engine.Sinks(fn, c.effects.Funcs[fn], c.sinkSummary)
	c.sinks[fn] = s
	return s
}

// sinkSummary is a helper's keys that its callers decide: computed here for this
// package, imported as a fact for others.
func (c *collector) sinkSummary(fn *ssa.Function) *SinkFact {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if len(fn.Blocks) == 0 {
		obj, ok := fn.Object().(*types.Func)
		if !ok {
			return nil
		}
		f := new(SinkFact)
		if c.pass.ImportObjectFact(obj, f) {
			return f
		}
		return nil
	}
	return Summary(c.sinksOf(fn))
}

func (c *collector) importResult(fn *types.Func) *ResultFact {
	f := new(ResultFact)
	if c.pass.ImportObjectFact(fn, f) {
		return f
	}
	return nil
}

// exportFacts publishes the exported builders and key-using helpers.
func (c *collector) exportFacts(funcs []*ssa.Function) {
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() != c.pass.Pkg || fn.Parent() != nil || fn.Synthetic != "" || !obj.Exported() {
			continue
		}
		if r := c.engine.Result(fn); r != nil {
			c.pass.ExportObjectFact(obj, r)
		}
		if s := c.sinkSummary(fn); s != nil {
			c.pass.ExportObjectFact(obj, s)
		}
		if s := c.ttlSummary(fn); s != nil {
			c.pass.ExportObjectFact(obj, s)
		}
	}
}

// CoarseBuilder returns the helper that builds s's key coarse on its own, if any:
// its result is coarse whatever it is passed, and the rest of the key is constant
// text. A helper that returns only a part (func day() string) is no key builder.
func (s *Sink) CoarseBuilder() *Builder {
	for _, b := range s.Origin.Builders {
		if b.Result.Coarse && s.Origin.onlyFrom(b) {
			return b
		}
	}
	return nil
}

// Reportable reports whether a coarse key at s in fn is a finding: an outgoing
// idempotency key; a store key with a clock bucket where an operation id is at
// hand; a store key that says dedup and names an actor. A claim keyed "digest:"+userID+day in a nightly job is a
// once-per-user-per-day job, and "welcome:"+evt.UserID a once-per-user email,
// both on purpose.
func (s *Sink) Reportable(fn *ssa.Function) bool {
	if !s.Origin.Coarse() || s.Origin.Undecided() {
		return false
	}
	if s.Kind != StoreKey {
		return true // an Idempotency-Key header or SDK field is one, whatever it is made of
	}
	if s.Origin.Clock() > 0 && OperationInScope(fn) != "" {
		return true
	}
	// "cron:done:"+month with no event at hand is a scheduled job's marker.
	return s.Said && s.Origin.Has(model.ActorPart)
}
