package dedupttl

import (
	"flag"
	"go/token"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/internal/config"
	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/provenance"
	"github.com/idemlint/idemlint/internal/ssaonce"
	"github.com/idemlint/idemlint/internal/suppress"
)

const name = "dedupttl"

var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      Doc,
	URL:      "https://github.com/idemlint/idemlint#dedupttl",
	Requires: []*analysis.Analyzer{ssaonce.Analyzer, effects.Analyzer, provenance.Analyzer},
	Run:      run,
	Flags:    flags(),
}

// defaultMin is the shortest redelivery window worth covering: a day.
const defaultMin = 24 * time.Hour

func flags() flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Duration("min", defaultMin, "the shortest TTL a dedup marker may have: the longest redelivery window of your queues and webhook providers")
	return *fs
}

// minTTL is this run's -dedupttl.min or, when the flag keeps its default, the
// package's configuration (dedupttl.min in .idemlint.yml).
func minTTL(pass *analysis.Pass, settings *config.Config) time.Duration {
	if f := pass.Analyzer.Flags.Lookup("min"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if d, ok := g.Get().(time.Duration); ok && d > 0 && d != defaultMin {
				return d
			}
		}
	}
	if settings.DedupTTL.Min > 0 {
		return time.Duration(settings.DedupTTL.Min)
	}
	return defaultMin
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[effects.Analyzer].(*effects.Result)
	c := &checker{pass: pass, min: minTTL(pass, res.Table.Settings), out: suppress.NewOnce(pass, name)}
	c.keys = provenance.NewEngine(provenance.NewNames(pass.Files), nil)
	c.releases = provenance.ReleasesOf(res)
	for _, fn := range res.Order {
		if provenance.InTestFile(fn) {
			continue // a test's markers are fixtures, not deliveries
		}
		if f := res.Funcs[fn]; f != nil && len(f.Effects) > 0 && !effects.TestCode(pass, fn) {
			c.checkFunc(f)
		}
	}
	prov := pass.ResultOf[provenance.Analyzer].(*provenance.Result)
	if len(prov.TTLCalls) == 0 {
		return nil, nil // provenance found no helper calls, and may not have built SSA
	}
	for _, fn := range ssaonce.Of(pass).SSA().SrcFuncs {
		c.checkHelperCalls(prov.TTLCalls[fn])
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	min  time.Duration
	out  *suppress.Once
	keys *provenance.Engine // shows keys as the source writes them
	// releases are the keys the package gives back: a lease none releases is a claim
	releases *provenance.Releases
}

func (c *checker) report(pos token.Pos, msg string) { c.out.Report(pos, msg) }
