package effects

// This file is the run's configuration of the model: the user's API rows (their
// own wrappers) and header names. The effects analyzer owns it because every
// analyzer sees the model through effects: the flags are parsed once per run into
// a Table carried in the Result, never into a package variable, so one run's (or
// one test's) rows cannot leak into another's.

import (
	"flag"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/internal/config"
	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/model"
)

// Config is what a run adds to the built-in model. A config file loader fills one
// (rows through model.ParseFuncRow) and hands it to Configure.
type Config struct {
	// Rows are API operations of the user's own (wrappers, dedup helpers).
	Rows []model.Row
	// Names are extra idempotency/event-id header names (X-Acme-Delivery).
	Names []string
	// Sent are headers that senders outside the module set.
	Sent []string
}

// Table is a run's configuration resolved for lookups: the model's rows (built-in
// plus the user's) and the header vocabulary.
type Table struct {
	Config
	Model   *model.Table
	Headers *headers.Names
	// Settings is the package's configuration as the schema has it (.idemlint.yml,
	// -config or the golangci-lint settings): its rows and header names are in
	// Config already; the analyzers read their switches and options here.
	Settings *config.Config
}

// NewTable resolves cfg.
func NewTable(cfg Config) *Table {
	return &Table{Config: cfg, Model: model.NewTable(cfg.Rows...), Headers: headers.NewNames(cfg.Names...),
		Settings: new(config.Config)}
}

// FlagConfig is the -config flag: the configuration file of the run, instead of the
// .idemlint.yml nearest to each package. The command offers it without a prefix.
const FlagConfig = "config"

// ConfigSource returns where the run's configuration comes from: the -config flag,
// the golangci-lint plugin's settings, or each package's .idemlint.yml.
func ConfigSource() *config.Source { return sourceOf(Analyzer) }

func sourceOf(a *analysis.Analyzer) *config.Source {
	return a.Flags.Lookup(FlagConfig).Value.(*config.Source)
}

// Settings returns the configuration of pass's package.
func Settings(pass *analysis.Pass) (*config.Config, error) {
	return settingsFrom(ConfigSource(), pass)
}

func settingsFrom(src *config.Source, pass *analysis.Pass) (*config.Config, error) {
	if len(pass.Files) == 0 {
		return new(config.Config), nil
	}
	if m := pass.Module; m != nil && m.Version != "" {
		return src.ForDependency() // a module required at a version: not the user's
	}
	return src.ForFile(pass.Fset.Position(pass.Files[0].Package).Filename)
}

// tableOf resolves the run's flags and the package's settings into a Table.
func tableOf(pass *analysis.Pass) (*Table, error) {
	settings, err := settingsFrom(sourceOf(pass.Analyzer), pass)
	if err != nil {
		return nil, err
	}
	cfg := configOf(pass.Analyzer)
	rows, err := settings.Rows()
	if err != nil {
		return nil, err
	}
	cfg.Rows = append(cfg.Rows, rows...)
	cfg.Sent = append(cfg.Sent, config.Strings(settings.HeaderMismatch.Sent)...)
	cfg.Names = append(cfg.Names, config.Strings(settings.HeaderMismatch.Names)...)
	t := NewTable(cfg)
	t.Settings = settings
	return t, nil
}

// Flag names of the effects analyzer. The passes re-export them under their
// historical names (-checkthenact.func, -headermismatch.sent, -headermismatch.names):
// the same flag.Value, so there is one setting whichever name a user sets.
const (
	FlagFunc  = "func"
	FlagSent  = "sent"
	FlagNames = "names"
)

// FuncFlagUsage documents the func flag.
const FuncFlagUsage = "comma-separated wrappers of your own, FULLNAME=KIND[:key=N][:value=N][:ttl=N] " +
	`(e.g. "(*mycorp/cache.Store).Claim=claim:key=1"); KIND is read, write, incr, claim, atomic, delete, lock, unlock or publish`

// SentFlagUsage and NamesFlagUsage document the header flags.
const (
	SentFlagUsage = "comma-separated header names that senders outside this module set " +
		`(e.g. "X-Event-Id"): receivers are checked against them as against the module's own senders`
	NamesFlagUsage = "comma-separated extra idempotency/event-id header names " +
		`(e.g. "X-Acme-Delivery"), checked like Idempotency-Key`
)

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("idemeffects", flag.ContinueOnError)
	fs.Var(new(rowsFlag), FlagFunc, FuncFlagUsage)
	fs.Var(new(listFlag), FlagSent, SentFlagUsage)
	fs.Var(new(listFlag), FlagNames, NamesFlagUsage)
	fs.Var(new(config.Source), FlagConfig, config.Usage)
	return *fs
}

// Alias registers the effects flag name on fs under the same name, for a pass that
// keeps offering it as -<pass>.<name>.
func Alias(fs *flag.FlagSet, name string) {
	f := Analyzer.Flags.Lookup(name)
	fs.Var(f.Value, name, f.Usage)
}

// Configure adds cfg to what the flags of a (the effects Analyzer) hold: the
// entry point of a config file loader, which runs before the analysis like flag
// parsing does.
func Configure(a *analysis.Analyzer, cfg Config) {
	a.Flags.Lookup(FlagFunc).Value.(*rowsFlag).add(cfg.Rows...)
	a.Flags.Lookup(FlagSent).Value.(*listFlag).add(cfg.Sent...)
	a.Flags.Lookup(FlagNames).Value.(*listFlag).add(cfg.Names...)
}

// configOf reads a's flags into a Config: once per pass, so what a run sees is
// what its flags held when it started.
func configOf(a *analysis.Analyzer) Config {
	return Config{
		Rows:  append([]model.Row(nil), a.Flags.Lookup(FlagFunc).Value.(*rowsFlag).rows...),
		Sent:  append([]string(nil), a.Flags.Lookup(FlagSent).Value.(*listFlag).names...),
		Names: append([]string(nil), a.Flags.Lookup(FlagNames).Value.(*listFlag).names...),
	}
}

// rowsFlag holds the func flag: rows parsed when set, so a malformed one is an
// error on the command line.
type rowsFlag struct {
	specs []string
	rows  []model.Row
}

func (f *rowsFlag) String() string { return strings.Join(f.specs, ",") }

// Set parses each comma-separated row, failing on the first malformed one; an
// empty s clears the list.
func (f *rowsFlag) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		f.specs, f.rows = nil, nil
		return nil
	}
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		r, err := model.ParseFuncRow(part)
		if err != nil {
			return err
		}
		f.specs, f.rows = append(f.specs, part), append(f.rows, r)
	}
	return nil
}

func (f *rowsFlag) add(rows ...model.Row) {
	for _, r := range rows {
		f.specs, f.rows = append(f.specs, r.FullName()), append(f.rows, r)
	}
}

// listFlag is a comma-separated list of header names.
type listFlag struct{ names []string }

func (f *listFlag) String() string { return strings.Join(f.names, ",") }

// Set adds the names of s, failing on the first that is not a header name; an
// empty s clears the list.
func (f *listFlag) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		f.names = nil
		return nil
	}
	names := strings.Split(s, ",")
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			if err := config.CheckHeaderName(n); err != nil {
				return err
			}
		}
	}
	f.add(names...)
	return nil
}

func (f *listFlag) add(names ...string) {
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			f.names = append(f.names, n)
		}
	}
}
