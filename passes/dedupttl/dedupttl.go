// Package dedupttl defines an Analyzer that reports a dedup marker or claim whose
// TTL is a constant shorter than the redelivery window: the marker is gone when
// the late retry arrives, and the retry is processed again.
package dedupttl

import (
	"flag"
	"go/token"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/suppress"
)

const name = "dedupttl"

const Doc = `report dedup markers that expire before a late redelivery

Queues and webhook providers retry for hours to days (SQS up to the retention
period, Stripe for three days). A marker that expires sooner lets the late retry
through as if it were new:

	ok, _ := rdb.SetNX(ctx, "evt:"+id, 1, 10*time.Minute).Result() // reported

Keep dedup markers at least as long as the longest redelivery window
(-dedupttl.min, 24h by default). A bare integer where go-redis takes a
time.Duration is nanoseconds: SetNX(ctx, k, 1, 86400) expires after 86.4µs.

Checked: claims (SetNX, SET NX EX n, SetArgs{Mode: "NX", TTL: d}), markers written
after a check of the same key or under a key that says dedup, an EXPIRE right
after a marker, redigo "EX" n / "PX" n / SETEX, with a constant TTL.

Not reported: TTLs that are not constants (configuration), TTLs of at least the
minimum, no expiry (0), cache-aside writes, locks (released on the same path, or
named lock/lease/leader), rate-limit and cooldown windows.`

var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      Doc,
	URL:      "https://github.com/idemlint/idemlint#dedupttl",
	Requires: []*analysis.Analyzer{buildssa.Analyzer, effects.Analyzer},
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

// minTTL is this run's -dedupttl.min.
func minTTL(pass *analysis.Pass) time.Duration {
	if f := pass.Analyzer.Flags.Lookup("min"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if d, ok := g.Get().(time.Duration); ok && d > 0 {
				return d
			}
		}
	}
	return defaultMin
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[effects.Analyzer].(*effects.Result)
	c := &checker{pass: pass, min: minTTL(pass), out: suppress.NewOnce(pass, name)}
	for _, fn := range res.Order {
		if f := res.Funcs[fn]; f != nil && len(f.Effects) > 0 {
			c.checkFunc(f)
		}
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	min  time.Duration
	out  *suppress.Once
}

func (c *checker) report(pos token.Pos, msg string) { c.out.Report(pos, msg) }
