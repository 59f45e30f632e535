package missingkey

import (
	"flag"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	schema "github.com/idemlint/idemlint/internal/config"
	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssaonce"
	"github.com/idemlint/idemlint/internal/suppress"
)

const name = "missingkey"

var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      Doc,
	URL:      "https://github.com/idemlint/idemlint#missingkey",
	Requires: []*analysis.Analyzer{ssaonce.Analyzer, effects.Analyzer},
	Run:      run,
	Flags:    flags(),
}

func flags() flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Var(&funcList{}, "dedup", "comma-separated dedup functions of your own, by full name "+
		`(e.g. "(*mycorp/dedup.Store).Claim"): a call whose result decides an effect claims it`)
	fs.Var(&funcList{registrations: true}, "entry", "comma-separated entry points of your own: FULLNAME (the function is a per-delivery "+
		`handler) or FULLNAME=N (its argument N is one), e.g. "mycorp/bus.Subscribe=1"`)
	fs.Var(&funcList{}, "effect", "comma-separated non-idempotent side effects of your own, by full name "+
		`(e.g. "(*mycorp/ledger.Client).Post")`)
	return *fs
}

// config is one run's reading of the flags.
type config struct {
	dedup   map[string]bool
	effect  map[string]bool
	handler map[string]bool // functions that are handlers themselves
	entry   map[string]int  // registrations: the handler's argument index
}

// readConfig reads the flags of a and the package's settings (.idemlint.yml).
func readConfig(a *analysis.Analyzer, settings *schema.Config) *config {
	cfg := &config{dedup: map[string]bool{}, effect: map[string]bool{}, handler: map[string]bool{}, entry: map[string]int{}}
	list := func(name string) []string {
		var names []string
		if f := a.Flags.Lookup(name); f != nil {
			for _, n := range strings.Split(f.Value.String(), ",") {
				if n = strings.TrimSpace(n); n != "" {
					names = append(names, n)
				}
			}
		}
		return names
	}
	for _, n := range list("dedup") {
		cfg.dedup[n] = true
	}
	for _, n := range list("effect") {
		cfg.effect[n] = true
	}
	for _, n := range list("entry") {
		fn, arg, ok := strings.Cut(n, "=")
		if i, err := strconv.Atoi(arg); ok && err == nil && i >= 0 {
			cfg.entry[fn] = i
		} else {
			cfg.handler[fn] = true
		}
	}
	cfg.add(settings.MissingKey)
	return cfg
}

// add adds the rows of the missingkey section of a package's settings.
func (cfg *config) add(s schema.MissingKey) {
	for _, n := range s.Dedup {
		cfg.dedup[string(n)] = true
	}
	for _, n := range s.Effect {
		cfg.effect[string(n)] = true
	}
	for _, e := range s.Entry {
		if e.Arg != nil {
			cfg.entry[string(e.Name)] = int(*e.Arg)
		} else {
			cfg.handler[string(e.Name)] = true
		}
	}
}

// checker holds what one pass knows.
type checker struct {
	pass     *analysis.Pass
	res      *effects.Result
	ssa      *buildssa.SSA
	cfg      *config
	ignore   *suppress.Ignorer
	reported map[token.Pos]bool
	entries  []*entryPoint
	seen     map[*ssa.Function]bool // functions already an entry point
	// guarded are the functions that install a claiming middleware on a router
	// (r.Use(idempotency)): routes they register are protected. When such a
	// function registers no route itself (it builds the router for others), every
	// route of the package is.
	guarded map[*ssa.Function]bool
	routers map[*ssa.Function]bool // functions that register routes
	// subrouters are the funcs chi's r.Route(pattern, fn) runs with a sub-router.
	subrouters map[*ssa.Function]ssa.CallInstruction
	helper     map[*ssa.Function][]*violation // memo of helpers checked on their own
	busy       map[*ssa.Function]bool
	extra      map[*ssa.Function][]*effects.Effect // configured claims and effects
	taints     map[ssa.Value]*flow.Taint           // what each call's result reaches
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[effects.Analyzer].(*effects.Result)
	cfg := readConfig(pass.Analyzer, res.Table.Settings)
	if !importsEntryPoints(pass, cfg) {
		return nil, nil // the fast path: nothing here receives deliveries
	}
	c := &checker{pass: pass, res: res,
		ssa: ssaonce.Of(pass).SSA(), cfg: cfg,
		ignore: suppress.New(pass, name), reported: map[token.Pos]bool{}, seen: map[*ssa.Function]bool{},
		helper: map[*ssa.Function][]*violation{}, busy: map[*ssa.Function]bool{},
		extra: map[*ssa.Function][]*effects.Effect{}, guarded: map[*ssa.Function]bool{}, routers: map[*ssa.Function]bool{},
		subrouters: map[*ssa.Function]ssa.CallInstruction{}, taints: map[ssa.Value]*flow.Taint{}}
	c.findEntries()
	sort.SliceStable(c.entries, func(i, j int) bool { return c.entries[i].pos < c.entries[j].pos })
	for _, ep := range c.entries {
		c.check(ep)
	}
	return nil, nil
}

// importsEntryPoints reports whether the package can receive deliveries: it
// imports a broker client or an HTTP framework, or names entry points of its own.
func importsEntryPoints(pass *analysis.Pass, cfg *config) bool {
	if len(cfg.entry) > 0 || len(cfg.handler) > 0 {
		return true
	}
	for _, imp := range pass.Pkg.Imports() {
		if model.KnowsEntryPackage(imp.Path()) {
			return true
		}
	}
	return false
}
