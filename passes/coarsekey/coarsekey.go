package coarsekey

import (
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/provenance"
	"github.com/idemlint/idemlint/internal/suppress"
)

const name = "coarsekey"

var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      Doc,
	URL:      "https://github.com/idemlint/idemlint#coarsekey",
	Requires: []*analysis.Analyzer{provenance.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[provenance.Analyzer].(*provenance.Result)
	c := &checker{pass: pass, out: suppress.NewOnce(pass, name)}
	for _, fn := range res.Builders {
		c.reportBuilder(fn, res.BuilderResult(fn))
	}
	for _, fn := range res.Order {
		if effects.TestCode(pass, fn) {
			continue // a test's fixture key is built for one run, not for deliveries
		}
		for _, s := range res.Sinks[fn] {
			c.check(fn, s)
		}
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	out  *suppress.Once
}

// report reports msg where s's key is built, with the use as related
// information when it is elsewhere (key := ... on one line, SetNX(ctx, key) on
// the next): the reader changes what the key is made of there.
func (c *checker) report(s *provenance.Sink, msg string) {
	c.reportAt(s.BuiltAt(), s, msg)
}

func (c *checker) reportAt(pos token.Pos, s *provenance.Sink, msg string) {
	d := analysis.Diagnostic{Pos: pos, Message: msg}
	if s != nil && c.pass.Fset.Position(s.Pos).Line != c.pass.Fset.Position(pos).Line {
		d.Related = []analysis.RelatedInformation{{Pos: s.Pos, Message: "used by " + s.Label}}
	}
	c.out.ReportDiagnostic(d)
}
