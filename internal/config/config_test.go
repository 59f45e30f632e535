package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idemlint/idemlint/internal/model"
)

// TestExample loads the documented example file of the repository.
func TestExample(t *testing.T) {
	cfg, err := Load("../../.idemlint.example.yml")
	require.NoError(t, err)
	rows, err := cfg.Rows()
	require.NoError(t, err)
	require.Len(t, rows, 4)
	assert.Equal(t, "(mycorp/cache.Store).Claim", rows[2].FullName())
	assert.Equal(t, model.Claim, rows[2].Kind)
	assert.Equal(t, 1, rows[2].Key)
	assert.Equal(t, 3, rows[1].TTL)
	assert.Equal(t, model.No, rows[0].TTL)
	assert.Equal(t, []string{"X-Event-Id"}, Strings(cfg.HeaderMismatch.Sent))
	assert.Equal(t, []string{"X-Acme-Delivery"}, Strings(cfg.HeaderMismatch.Names))
	assert.True(t, cfg.Enabled("checkthenact"))
	assert.Equal(t, Duration(48*time.Hour), cfg.DedupTTL.Min)
	require.Len(t, cfg.MissingKey.Entry, 2)
	assert.EqualValues(t, 1, *cfg.MissingKey.Entry[0].Arg)
	assert.Nil(t, cfg.MissingKey.Entry[1].Arg)
}

func TestSwitch(t *testing.T) {
	cfg, err := Parse("x.yml", []byte("headermismatch:\n  enabled: false\n"))
	require.NoError(t, err)
	assert.False(t, cfg.Enabled("headermismatch"))
	assert.True(t, cfg.Enabled("checkthenact"), "absent means on")
	assert.True(t, cfg.Enabled("idemeffects"), "an analyzer without a section runs")
	assert.True(t, new(Config).Enabled("headermismatch"))
}

func TestEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing yet\n", "---\n"} {
		cfg, err := Parse("x.yml", []byte(src))
		require.NoError(t, err, "%q", src)
		assert.Equal(t, &Config{}, cfg)
	}
}

// TestErrors: each mistake is one line naming the file, the line and the key.
func TestErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"checkthenakt:\n  enabled: false\n",
			`x.yml:1: checkthenakt: unknown key "checkthenakt" (want one of checkthenact, coarsekey, dedupttl, funcs, headermismatch, ignorereason, missingkey)`},
		{"headermismatch:\n  enabled: false\n  sends: [X-Event-Id]\n",
			`x.yml:3: headermismatch.sends: unknown key "sends" (want one of enabled, names, sent)`},
		{"headermismatch:\n  enabled: nope\n",
			"x.yml:2: headermismatch.enabled: cannot unmarshal !!str `nope` into bool"},
		{"headermismatch:\n  sent: X-Event-Id\n",
			`x.yml:2: headermismatch.sent: want a list, got "X-Event-Id"`},
		{"headermismatch:\n  names: [\"X Acme\"]\n",
			`x.yml:2: headermismatch.names[0]: header name "X Acme" has ' ', not allowed in an HTTP header name`},
		{"funcs:\n  - name: mycorp/cache.Seen\n    kind: peek\n",
			`x.yml:3: funcs[0].kind: unknown kind "peek" (want one of read, write, incr, claim, atomic, delete, lock, unlock, publish)`},
		{"funcs:\n  - name: Seen\n    kind: read\n",
			`x.yml:2: funcs[0].name: "Seen": want pkg/path.Func or (*pkg/path.Type).Method`},
		{"funcs:\n  - name: mycorp/cache.Seen\n    kind: read\n    key: -1\n",
			`x.yml:4: funcs[0].key: argument index -1 is negative (count from 0, without the receiver)`},
		{"funcs:\n  - name: mycorp/cache.Seen\n    kind: read\n    key: first\n",
			"x.yml:4: funcs[0].key: cannot unmarshal !!str `first` into config.ArgIndex"},
		{"funcs:\n  - name: mycorp/cache.Seen\n",
			`x.yml:2: funcs[0]: missing key "kind"`},
		{"funcs:\n  name: mycorp/cache.Seen\n",
			`x.yml:2: funcs: want a list, got a mapping`},
		{"checkthenact: [on]\n",
			`x.yml:1: checkthenact: want a mapping of enabled, got a list`},
		{"dedupttl:\n  min: 2 days\n",
			`x.yml:2: dedupttl.min: bad duration "2 days" (want a Go duration such as 24h or 90m)`},
		{"headermismatch:\n\tenabled: false\n",
			`x.yml:2: found character that cannot start any token`},
	} {
		_, err := Parse("x.yml", []byte(tc.src))
		if assert.Error(t, err, tc.src) {
			assert.Equal(t, tc.want, err.Error(), tc.src)
		}
	}
}

func TestDuration(t *testing.T) {
	var d Duration
	require.NoError(t, d.UnmarshalText([]byte("24h")))
	assert.Equal(t, Duration(24*time.Hour), d)
	assert.EqualError(t, d.UnmarshalText([]byte("1 day")), `bad duration "1 day" (want a Go duration such as 24h or 90m)`)
	b, err := d.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "24h0m0s", string(b))
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	pkg := filepath.Join(root, "svc", "handler")
	require.NoError(t, os.MkdirAll(pkg, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module m\n"), 0o644))
	_, ok := Find(pkg)
	assert.False(t, ok, "no file up to the module root")

	require.NoError(t, os.WriteFile(filepath.Join(root, FileName), nil, 0o644))
	p, ok := Find(pkg)
	assert.True(t, ok)
	assert.Equal(t, filepath.Join(root, FileName), p)

	require.NoError(t, os.WriteFile(filepath.Join(root, "svc", FileName), nil, 0o644))
	p, _ = Find(pkg)
	assert.Equal(t, filepath.Join(root, "svc", FileName), p, "the nearest file wins")

	outer := filepath.Join(t.TempDir(), "outer")
	inner := filepath.Join(outer, "mod")
	require.NoError(t, os.MkdirAll(inner, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(outer, FileName), nil, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(inner, "go.mod"), []byte("module m\n"), 0o644))
	_, ok = Find(inner)
	assert.False(t, ok, "a file above the module root belongs to another module")
}

func TestFromSettings(t *testing.T) {
	off := false
	key := ArgIndex(1)
	cfg, err := FromSettings(Config{HeaderMismatch: HeaderMismatch{Switch: Switch{Enabled: &off}},
		Funcs: []Func{{Name: "(*mycorp/cache.Store).Claim", Kind: "claim", Key: &key}}})
	require.NoError(t, err)
	assert.False(t, cfg.Enabled("headermismatch"))
	_, err = FromSettings(Config{Funcs: []Func{{Name: "(*mycorp/cache.Store).Claim", Kind: "grab"}}})
	assert.EqualError(t, err, `idemlint settings: funcs[0].kind: unknown kind "grab" (want one of read, write, incr, claim, atomic, delete, lock, unlock, publish)`)
}

func TestEverySectionHasASwitch(t *testing.T) {
	cfg := new(Config)
	for name := range cfg.sections() {
		f, ok := fieldsByKey(reflect.TypeFor[Config]())[name]
		require.True(t, ok, "section %s is a key of the file", name)
		_, ok = fieldsByKey(f.Type)["enabled"]
		assert.True(t, ok, "section %s has enabled", name)
	}
}
