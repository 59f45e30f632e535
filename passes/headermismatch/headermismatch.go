// Package headermismatch defines an Analyzer that reports a receiver reading an
// idempotency or event-id header that its sender cannot have sent: the read yields
// "" on every delivery, so a dedup keyed on it never fires.
package headermismatch

import (
	"flag"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/suppress"
)

const name = "headermismatch"

const Doc = `report idempotency headers that a receiver reads but its sender cannot have sent

The provider sends X-Event-Id; the handler dedups on a header it never sets:

	key := r.Header.Get("Idempotency-Key") // always "": every delivery looks new
	ok, _ := rdb.SetNX(ctx, "evt:"+key, 1, 24*time.Hour).Result()

Reported, for idempotency and event-id headers only:
  - an http.Header index that is not canonical (r.Header["idempotency-key"]), or a
    metadata.MD index with upper case: the lookup never matches;
  - an underscore in the name (Idempotency_Key): nginx and other proxies drop it;
  - a near miss of a header the module's own senders set (X-Idempotency-Key sent,
    Idempotency-Key read), across packages through facts, or of a
    -headermismatch.sent name;
  - a near miss of a header-name constant that a shared package of the module only
    declares, when the value is a dedup key and the name read is neither the IETF
    Idempotency-Key nor a known provider's header;
  - a dedup key (a value that reaches a claim, a check or a dedup store) taken from
    a header no visible sender sets while they set another, or from a per-request
    id (X-Request-Id) while they set a stable one: it changes on every retry;
  - a handler that verifies a known provider (GitHub, GitLab, Shopify, Stripe,
    Slack, Square, Svix, Standard Webhooks, Zendesk, Contentful) but dedups on a
    header that provider never sends.

Helpers that read a header named by a parameter, and middleware factories whose
closure does, are checked where they are called. The advice names a sent header
that identifies the event across retries, never one visibly built per attempt.

Not reported: Header.Get with any casing, canonical indexes, exact matches, a
provider's real headers, headers read only for logging, X-Request-Id with no
visible sender of another header, other headers.

Flags: -headermismatch.sent=NAME,... declares headers that senders outside the
module set; -headermismatch.names=NAME,... adds idempotency header names.`

var Analyzer = &analysis.Analyzer{
	Name:      name,
	Doc:       Doc,
	URL:       "https://github.com/idemlint/idemlint#headermismatch",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer, effects.Analyzer, inspect.Analyzer},
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
	ast      *astIndex
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
	ssaInfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
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
	c.ast = newASTIndex(pass)
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
