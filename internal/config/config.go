// Package config is idemlint's one configuration schema: the .idemlint.yml file, the
// golangci-lint plugin's settings and the command-line flags all fill a Config.
// It says which analyzers run, each analyzer's options, and the team's own API rows
// (wrappers that read, write, claim or lock a key). A Config belongs to one run: it
// is handed to the analyzers through the effects Result, never written into a
// package-level table.
//
// Adding an analyzer is adding a section: a field of Config named after it (yaml
// and json tags equal to the analyzer name) whose type embeds Switch, plus its
// options; sections lists it for Enabled. The strict loader and the tests pick the
// field up by reflection.
package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/idemlint/idemlint/internal/model"
)

// FileName is the name of the configuration file, looked up from a package's
// directory upward to its module root.
const FileName = ".idemlint.yml"

// Config is one run's configuration. The zero Config runs every analyzer with its
// defaults and adds no API rows.
type Config struct {
	// Funcs are the team's own API rows: wrappers of a store, dedup helpers, locks,
	// side effects. Every analyzer sees them through the model.
	Funcs []Func `yaml:"funcs" json:"funcs"`

	CheckThenAct   CheckThenAct   `yaml:"checkthenact" json:"checkthenact"`
	HeaderMismatch HeaderMismatch `yaml:"headermismatch" json:"headermismatch"`
	CoarseKey      CoarseKey      `yaml:"coarsekey" json:"coarsekey"`
	DedupTTL       DedupTTL       `yaml:"dedupttl" json:"dedupttl"`
	MissingKey     MissingKey     `yaml:"missingkey" json:"missingkey"`
	IgnoreReason   IgnoreReason   `yaml:"ignorereason" json:"ignorereason"`
}

// Switch turns an analyzer off; every analyzer section embeds it.
type Switch struct {
	// Enabled is false to turn the analyzer off; absent means on.
	Enabled *bool `yaml:"enabled" json:"enabled"`
}

// On reports whether the section's analyzer runs.
func (s Switch) On() bool { return s.Enabled == nil || *s.Enabled }

// CheckThenAct is the checkthenact section; it has no options beyond the switch.
type CheckThenAct struct {
	Switch `yaml:",inline"`
}

// HeaderMismatch is the headermismatch section.
type HeaderMismatch struct {
	Switch `yaml:",inline"`
	// Sent are headers that senders outside this module set (X-Event-Id):
	// receivers are checked against them as against the module's own senders.
	Sent []HeaderName `yaml:"sent" json:"sent"`
	// Names are extra idempotency/event-id header names, checked like
	// Idempotency-Key.
	Names []HeaderName `yaml:"names" json:"names"`
}

// CoarseKey is the coarsekey section; it has no options beyond the switch.
type CoarseKey struct {
	Switch `yaml:",inline"`
}

// DedupTTL is the dedupttl section.
type DedupTTL struct {
	Switch `yaml:",inline"`
	// Min is the shortest TTL a dedup marker may have (default 24h); the
	// -dedupttl.min flag, set to anything but its default, wins.
	Min Duration `yaml:"min" json:"min"`
}

// MissingKey is the missingkey section: a team's own dedup functions, entry points
// and side effects (the -missingkey.dedup, -missingkey.entry and -missingkey.effect
// flags).
type MissingKey struct {
	Switch `yaml:",inline"`
	// Dedup are functions whose result, when it decides an effect, claims it.
	Dedup []FuncName `yaml:"dedup" json:"dedup"`
	// Entry are per-delivery handlers, or registrations whose argument Arg is one.
	Entry []Entry `yaml:"entry" json:"entry"`
	// Effect are non-idempotent side effects.
	Effect []FuncName `yaml:"effect" json:"effect"`
}

// Entry is an entry point of the team's own: the function is a per-delivery
// handler or, with Arg, registers the handler passed as its argument Arg
// (mycorp/bus.Subscribe, arg 1).
type Entry struct {
	Name FuncName  `yaml:"name" json:"name" required:"true"`
	Arg  *ArgIndex `yaml:"arg" json:"arg"`
}

// IgnoreReason is the ignorereason section.
type IgnoreReason struct {
	Switch `yaml:",inline"`
}

// sections maps each analyzer name to its switch.
func (c *Config) sections() map[string]Switch {
	return map[string]Switch{
		"checkthenact":   c.CheckThenAct.Switch,
		"headermismatch": c.HeaderMismatch.Switch,
		"coarsekey":      c.CoarseKey.Switch,
		"dedupttl":       c.DedupTTL.Switch,
		"missingkey":     c.MissingKey.Switch,
		"ignorereason":   c.IgnoreReason.Switch,
	}
}

// Enabled reports whether the analyzer named runs; an analyzer without a section
// (an internal one such as idemeffects) always runs.
func (c *Config) Enabled(analyzer string) bool {
	s, ok := c.sections()[analyzer]
	return !ok || s.On()
}

// HasSection reports whether the schema has a section for the analyzer named.
func (c *Config) HasSection(analyzer string) bool {
	_, ok := c.sections()[analyzer]
	return ok
}

// Func is one API row of the team's own: a function or method and what it does to
// a shared store, with the argument positions of the key, value and TTL (counted
// from 0 without the receiver).
type Func struct {
	Name  FuncName  `yaml:"name" json:"name" required:"true"`
	Kind  Kind      `yaml:"kind" json:"kind" required:"true"`
	Key   *ArgIndex `yaml:"key" json:"key"`
	Value *ArgIndex `yaml:"value" json:"value"`
	TTL   *ArgIndex `yaml:"ttl" json:"ttl"`
}

// Row converts f to a model row, through the parser of the -checkthenact.func flag
// so the two spellings cannot drift apart.
func (f Func) Row() (model.Row, error) {
	if f.Name == "" || f.Kind == "" {
		return model.Row{}, fmt.Errorf("a func needs a name and a kind")
	}
	spec := string(f.Name) + "=" + string(f.Kind)
	for _, arg := range []struct {
		name string
		n    *ArgIndex
	}{{"key", f.Key}, {"value", f.Value}, {"ttl", f.TTL}} {
		if arg.n != nil {
			spec += fmt.Sprintf(":%s=%d", arg.name, *arg.n)
		}
	}
	return model.ParseFuncRow(spec)
}

// Rows returns the model rows of c's funcs.
func (c *Config) Rows() ([]model.Row, error) {
	rows := make([]model.Row, 0, len(c.Funcs))
	for i, f := range c.Funcs {
		r, err := f.Row()
		if err != nil {
			return nil, fmt.Errorf("funcs[%d]: %v", i, err)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// FuncName is a types.Func full name: pkg/path.Func, (*pkg/path.Type).Method or
// (pkg/path.Type).Method.
type FuncName string

func (n FuncName) check() error { return model.CheckFullName(string(n)) }

// Kind is what a func does to the store: read, write, incr, claim, atomic, delete,
// lock, unlock or publish.
type Kind string

func (k Kind) check() error {
	_, err := model.ParseKind(string(k))
	return err
}

// ArgIndex is an argument position, from 0, without the receiver.
type ArgIndex int

func (n ArgIndex) check() error {
	if n < 0 {
		return fmt.Errorf("argument index %d is negative (count from 0, without the receiver)", n)
	}
	return nil
}

// HeaderName is an HTTP header field name.
type HeaderName string

func (h HeaderName) check() error { return CheckHeaderName(string(h)) }

// CheckHeaderName reports whether h is a valid HTTP header field name: a header
// name that cannot be sent matches nothing.
func CheckHeaderName(h string) error {
	if h == "" {
		return fmt.Errorf("empty header name")
	}
	for _, r := range h {
		if !isTokenChar(r) {
			return fmt.Errorf("header name %q has %q, not allowed in an HTTP header name", h, r)
		}
	}
	return nil
}

// isTokenChar reports whether r may appear in an HTTP field name (RFC 9110 token).
func isTokenChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r)
}

// Strings returns names as strings.
func Strings(names []HeaderName) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = string(n)
	}
	return out
}

// Duration is a time.Duration written as Go writes one ("24h", "90m"), for
// options such as a minimum TTL.
type Duration time.Duration

// checked is implemented by the leaf types above; the loaders call check on each
// value they decode, so a file, golangci-lint settings and flags reject the same
// values with the same words.
type checked interface{ check() error }

var (
	_ checked = FuncName("")
	_ checked = Kind("")
	_ checked = ArgIndex(0)
	_ checked = HeaderName("")
)

// UnmarshalText parses a Go duration.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("bad duration %q (want a Go duration such as 24h or 90m)", b)
	}
	*d = Duration(v)
	return nil
}

// MarshalText writes d as Go does.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }
