// Package golangci is idemlint's golangci-lint v2 module plugin: every idemlint
// analyzer runs as the one linter "idemlint" (golangci-lint prefixes each message
// with the analyzer's name), configured by the same schema as .idemlint.yml.
//
// .custom-gcl.yml:
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/idemlint/idemlint
//	    import: github.com/idemlint/idemlint/golangci
//	    version: latest
//
// .golangci.yml:
//
//	linters:
//	  enable: [idemlint]
//	  settings:
//	    custom:
//	      idemlint:
//	        type: module
//	        settings:          # the keys of .idemlint.yml
//	          headermismatch:
//	            sent: [X-Event-Id]
package golangci

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint"
	"github.com/idemlint/idemlint/internal/config"
	"github.com/idemlint/idemlint/internal/effects"
)

func init() { register.Plugin("idemlint", New) }

// plugin is one golangci-lint run's idemlint.
type plugin struct {
	cfg *config.Config // nil: each package's .idemlint.yml, as standalone
}

// New decodes the plugin settings with the .idemlint.yml schema: unknown keys and
// bad values are errors, as in the file.
func New(settings any) (register.LinterPlugin, error) {
	if settings == nil {
		return &plugin{}, nil
	}
	decoded, err := register.DecodeSettings[config.Config](settings)
	if err != nil {
		return nil, fmt.Errorf("idemlint settings: %w", err)
	}
	cfg, err := config.FromSettings(decoded)
	if err != nil {
		return nil, err
	}
	return &plugin{cfg: cfg}, nil
}

// BuildAnalyzers returns the analyzers of the idemlint command, with the settings
// as the configuration of every package.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	if p.cfg != nil {
		effects.ConfigSource().SetInline(p.cfg)
	}
	suite := idemlint.Analyzers()
	for i, a := range suite {
		suite[i] = foldRelated(a)
	}
	return suite, nil
}

// foldRelated returns a copy of a whose findings carry their related positions in
// the message. golangci-lint reports each related position as an issue of its own,
// which a //nolint:idemlint on the finding's line would not suppress.
func foldRelated(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) { report(folded(pass.Fset, d)) }
		return a.Run(pass)
	}
	return &c
}

// folded appends d's related positions to its message: "... (checked here: line 17)".
func folded(fset *token.FileSet, d analysis.Diagnostic) analysis.Diagnostic {
	at := fset.Position(d.Pos)
	for _, r := range d.Related {
		p := fset.Position(r.Pos)
		where := fmt.Sprintf("line %d", p.Line)
		if p.Filename != at.Filename {
			where = fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
		}
		d.Message += fmt.Sprintf(" (%s: %s)", strings.TrimSpace(r.Message), where)
	}
	d.Related = nil
	return d
}

// GetLoadMode asks for type information: the analyzers build SSA.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
