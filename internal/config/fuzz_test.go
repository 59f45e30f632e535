package config

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzParse: no input makes the loader panic, and what it accepts converts to model
// rows (a func it lets through has a valid name and kind) and every error is one
// line naming the file.
func FuzzParse(f *testing.F) {
	if b, err := os.ReadFile("../../.idemlint.example.yml"); err == nil {
		f.Add(b)
	}
	for _, seed := range []string{
		"", "---\n", "funcs: []\n", "checkthenact: {enabled: false}\n",
		"funcs:\n  - name: mycorp/cache.Seen\n    kind: read\n    key: 1\n",
		"headermismatch:\n  sent: [X-Event-Id]\n  names: []\n",
		"dedupttl:\n  min: 36h\n", "missingkey:\n  entry: [{name: a/b.C, arg: 0}]\n",
		"a: &x [1]\nb: *x\n", "funcs: [{name: x, kind: read}]\n", "- 1\n", "checkthenact: 3\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		cfg, err := Parse("f.yml", b)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "f.yml") || strings.Contains(strings.TrimSpace(msg), "\n") {
				t.Fatalf("error is not one line naming the file: %q", msg)
			}
			return
		}
		if _, err := cfg.Rows(); err != nil {
			t.Fatalf("accepted funcs do not convert to rows: %v", err)
		}
		// What the loader accepts, written back as YAML (as the golangci-lint
		// settings are), loads again to the same configuration.
		out, err := yaml.Marshal(cfg)
		if err != nil {
			t.Fatalf("accepted configuration does not marshal: %v", err)
		}
		again, err := Parse("f.yml", out)
		if err != nil {
			t.Fatalf("%q is accepted, but not as written back, %q: %v", b, out, err)
		}
		if twice, _ := yaml.Marshal(again); string(twice) != string(out) {
			t.Fatalf("round trip of %q: %q, then %q", b, out, twice)
		}
	})
}
