package config

import (
	"os"
	"strings"
	"testing"
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
	})
}
