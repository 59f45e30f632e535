package headermismatch

import (
	"flag"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/ssaonce"
	"github.com/idemlint/idemlint/internal/suppress"
)

const name = "headermismatch"

var Analyzer = &analysis.Analyzer{
	Name:      name,
	Doc:       Doc,
	URL:       "https://github.com/idemlint/idemlint#headermismatch",
	Requires:  []*analysis.Analyzer{ssaonce.Analyzer, effects.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(sentFact), new(funcFact)},
	Flags:     flags(),
}

func flags() flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	effects.Alias(fs, effects.FlagSent)
	effects.Alias(fs, effects.FlagNames)
	return *fs
}

// configuredSender stands for the sender of a -headermismatch.sent name, in the
// place of a package path.
const configuredSender = "-headermismatch.sent"

// checker holds what one pass knows.
type checker struct {
	pass     *analysis.Pass
	effects  *effects.Result
	names    *headers.Names // the run's idempotency header vocabulary
	wrap     *wrappers
	access   map[*ssa.Function][]*headers.Access
	sent     []Named // sent by this module: own package and imports
	consts   []Named // header-name constants declared in this module's packages
	sentPos  map[string]token.Pos
	ignore   *suppress.Ignorer
	ast      *astIndex // built by syntax, when a finding first needs it
	reported map[token.Pos]bool
	exact    map[string]bool // keys written into header maps as spelled
	provs    map[*ssa.Function][]*headers.Provider
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[effects.Analyzer].(*effects.Result)
	fact := importedSent(pass)
	fact.Consts = append(fact.Consts, declaredConsts(pass.Pkg, res.Table.Headers)...)
	if !importsHeaders(pass) {
		exportSent(pass, fact) // nothing to read or send here: pass the imports' names on
		return nil, nil
	}
	ssaInfo := ssaonce.Of(pass).SSA()
	c := &checker{pass: pass, effects: res, names: res.Table.Headers,
		access: map[*ssa.Function][]*headers.Access{}, sentPos: map[string]token.Pos{},
		ignore: suppress.New(pass, name), reported: map[token.Pos]bool{}, exact: map[string]bool{},
		provs: map[*ssa.Function][]*headers.Provider{}}
	c.wrap = newWrappers(pass, ssaInfo.SrcFuncs, func(fn *ssa.Function, v ssa.Value) bool {
		_, ok := c.dedupEffect(fn, v)
		return ok
	})
	for _, fn := range ssaInfo.SrcFuncs {
		c.access[fn] = headers.Scan(fn, c.wrap.lookup)
		for _, k := range headers.ExactKeys(fn) {
			c.exact[k] = true
		}
		for _, a := range c.access[fn] {
			if a.Dir == headers.Send && c.names.IsIdempotency(a.Name) {
				fact.Sent = append(fact.Sent, Named{Name: a.Name, Pkg: pass.Pkg.Path(), Proto: a.Proto, PerAttempt: perAttempt(a)})
				if _, ok := c.sentPos[strings.ToLower(a.Name)]; !ok {
					c.sentPos[strings.ToLower(a.Name)] = a.Pos
				}
			}
		}
	}
	exportSent(pass, fact)
	c.sent, c.consts = fact.Sent, fact.Consts
	for _, n := range res.Table.Sent {
		c.sent = append(c.sent, Named{Name: n, Pkg: configuredSender})
	}
	c.exportFuncFacts(ssaInfo.SrcFuncs)
	for _, fn := range ssaInfo.SrcFuncs {
		for _, a := range c.access[fn] {
			c.check(fn, a)
		}
	}
	return nil, nil
}

// importsHeaders is the fast path: a package that imports none of the modeled
// header APIs, nor a package with header wrappers, has no header accesses.
func importsHeaders(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		for _, p := range headers.Packages {
			if imp.Path() == p {
				return true
			}
		}
	}
	for _, f := range pass.AllObjectFacts() {
		if ff, ok := f.Fact.(*funcFact); ok && ff.Wrap != nil {
			return true
		}
	}
	return false
}

func exportSent(pass *analysis.Pass, f *sentFact) {
	f.Sent, f.Consts = normalizeNamed(f.Sent), normalizeNamed(f.Consts)
	if len(f.Sent) > 0 || len(f.Consts) > 0 {
		pass.ExportPackageFact(f)
	}
}

// exportFuncFacts publishes wrappers and provider verifications for importers.
func (c *checker) exportFuncFacts(funcs []*ssa.Function) {
	for _, fn := range funcs {
		tf := funcObject(fn)
		if tf == nil || fn.Parent() != nil {
			continue
		}
		f := &funcFact{Wrap: c.wrap.local[tf]}
		for _, p := range c.ownProviders(fn) {
			f.Providers = append(f.Providers, p.Name)
		}
		if f.Wrap != nil || len(f.Providers) > 0 {
			c.pass.ExportObjectFact(tf, f)
		}
	}
}
