package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load reads the configuration file at path. Unknown keys, values of the wrong type,
// malformed function names, unknown kinds and bad durations are errors that name the
// file, the line and the key: ".idemlint.yml:7: funcs[0].kind: unknown kind ...".
func Load(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, b)
}

// Parse reads a configuration from b; name says where it came from in errors.
func Parse(name string, b []byte) (*Config, error) {
	cfg := new(Config)
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		if m := syntaxLine.FindStringSubmatch(err.Error()); m != nil {
			return nil, fmt.Errorf("%s:%s: %s", name, m[1], m[2])
		}
		return nil, fmt.Errorf("%s: %s", name, yamlMessage(err))
	}
	if len(doc.Content) == 0 {
		return cfg, nil // an empty file: the defaults
	}
	l := &loader{name: name}
	if err := l.check(doc.Content[0], reflect.TypeFor[Config](), ""); err != nil {
		return nil, err
	}
	if err := doc.Content[0].Decode(cfg); err != nil {
		return nil, fmt.Errorf("%s: %s", name, yamlMessage(err)) // not reached: check decoded every value
	}
	return cfg, nil
}

// loader checks a YAML document against the schema, key by key, so an error names
// the line and the key path.
type loader struct{ name string }

// errorf formats an error at node n for the key path.
func (l *loader) errorf(n *yaml.Node, path, format string, args ...any) error {
	where := l.name
	if n.Line > 0 {
		where = fmt.Sprintf("%s:%d", l.name, n.Line)
	}
	if path == "" {
		return fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("%s: %s: %s", where, path, fmt.Sprintf(format, args...))
}

// check walks n as a value of type t.
func (l *loader) check(n *yaml.Node, t reflect.Type, path string) error {
	if n.Kind == yaml.AliasNode {
		return l.errorf(n, path, "aliases are not supported")
	}
	if n.Tag == "!!null" {
		return nil // an absent value: the default
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Struct && !isLeaf(t):
		return l.checkMapping(n, t, path)
	case t.Kind() == reflect.Slice:
		return l.checkSequence(n, t, path)
	}
	return l.checkLeaf(n, t, path)
}

// checkMapping checks a section: every key must be a field of t.
func (l *loader) checkMapping(n *yaml.Node, t reflect.Type, path string) error {
	if n.Kind != yaml.MappingNode {
		return l.errorf(n, path, "want a mapping of %s, got %s", strings.Join(keys(t), ", "), describe(n))
	}
	fields := fieldsByKey(t)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f, ok := fields[k.Value]
		if !ok {
			return l.errorf(k, join(path, k.Value), "unknown key %q (want one of %s)", k.Value, strings.Join(keys(t), ", "))
		}
		if err := l.check(v, f.Type, join(path, k.Value)); err != nil {
			return err
		}
	}
	return l.checkRequired(n, t, path)
}

// checkRequired reports the first field of t tagged required:"true" that the
// mapping n lacks.
func (l *loader) checkRequired(n *yaml.Node, t reflect.Type, path string) error {
	have := map[string]bool{}
	for i := 0; i < len(n.Content); i += 2 {
		have[n.Content[i].Value] = true
	}
	for _, k := range keys(t) {
		if fieldsByKey(t)[k].Tag.Get("required") == "true" && !have[k] {
			return l.errorf(n, path, "missing key %q", k)
		}
	}
	return nil
}

// checkSequence checks a list.
func (l *loader) checkSequence(n *yaml.Node, t reflect.Type, path string) error {
	if n.Kind != yaml.SequenceNode {
		return l.errorf(n, path, "want a list, got %s", describe(n))
	}
	for i, item := range n.Content {
		if err := l.check(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// checkLeaf decodes a scalar into t and checks its value.
func (l *loader) checkLeaf(n *yaml.Node, t reflect.Type, path string) error {
	if n.Kind != yaml.ScalarNode {
		return l.errorf(n, path, "want a %s, got %s", describeType(t), describe(n))
	}
	v := reflect.New(t)
	if err := n.Decode(v.Interface()); err != nil {
		return l.errorf(n, path, "%s", yamlMessage(err))
	}
	if c, ok := v.Elem().Interface().(checked); ok {
		if err := c.check(); err != nil {
			return l.errorf(n, path, "%v", err)
		}
	}
	return nil
}

// isLeaf reports whether t decodes from a scalar despite being a struct.
func isLeaf(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(reflect.TypeFor[interface{ UnmarshalText([]byte) error }]())
}

// fieldsByKey maps the yaml keys of t, including inlined embedded structs, to fields.
func fieldsByKey(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case opts == "inline":
			for k, v := range fieldsByKey(f.Type) {
				out[k] = v
			}
		case name != "" && name != "-":
			out[name] = f
		}
	}
	return out
}

// keys lists the keys of t, sorted.
func keys(t reflect.Type) []string {
	var out []string
	for k := range fieldsByKey(t) {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// describe names what a node is, for "want X, got Y".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

// describeType names a leaf type for "want a X".
func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.Int:
		return "number"
	}
	return "string"
}

// syntaxLine matches yaml's syntax errors, "yaml: line N: what".
var syntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// lineN matches the "line N: " that yaml puts in its own messages.
var lineN = regexp.MustCompile(`^(yaml: )?(unmarshal errors:\s*)?(line \d+: )?`)

// yamlMessage strips yaml's prefixes from err, leaving what is wrong.
func yamlMessage(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		return lineN.ReplaceAllString(strings.TrimSpace(te.Errors[0]), "")
	}
	return lineN.ReplaceAllString(err.Error(), "")
}

// Find returns the configuration file that applies to a package in dir: the first
// FileName from dir upward, stopping at the directory that holds go.mod.
func Find(dir string) (string, bool) {
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, true
		}
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil || filepath.Dir(d) == d {
			return "", false
		}
	}
}

// FromSettings checks golangci-lint plugin settings, already decoded into cfg with
// unknown keys rejected, by the same rules as a file.
func FromSettings(cfg Config) (*Config, error) {
	b, err := yaml.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	l := &loader{name: "idemlint settings"}
	clearLines(&doc)
	if err := l.check(doc.Content[0], reflect.TypeFor[Config](), ""); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// clearLines drops the line numbers of a document that is not the user's text.
func clearLines(n *yaml.Node) {
	n.Line = 0
	for _, c := range n.Content {
		clearLines(c)
	}
}
