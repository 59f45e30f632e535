package golangci

import (
	"go/token"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint"
	"github.com/idemlint/idemlint/internal/effects"
)

func TestNewDecodesTheFileSchema(t *testing.T) {
	p, err := New(map[string]any{
		"headermismatch": map[string]any{"enabled": false, "sent": []any{"X-Event-Id"}},
		"funcs":          []any{map[string]any{"name": "(*mycorp/cache.Store).Claim", "kind": "claim", "key": 1}},
	})
	require.NoError(t, err)
	assert.Equal(t, register.LoadModeTypesInfo, p.GetLoadMode())
	cfg := p.(*plugin).cfg
	assert.False(t, cfg.Enabled("headermismatch"))
	assert.True(t, cfg.Enabled("checkthenact"))

	_, err = New(map[string]any{"headermismach": map[string]any{}})
	assert.ErrorContains(t, err, `unknown field "headermismach"`)
	_, err = New(map[string]any{"funcs": []any{map[string]any{"name": "Claim", "kind": "claim"}}})
	assert.EqualError(t, err, `idemlint settings: funcs[0].name: "Claim": want pkg/path.Func or (*pkg/path.Type).Method`)
}

func TestBuildAnalyzers(t *testing.T) {
	p, err := New(nil)
	require.NoError(t, err)
	as, err := p.BuildAnalyzers()
	require.NoError(t, err)
	var names, want []string
	for _, a := range as {
		names = append(names, a.Name)
	}
	for _, a := range idemlint.Analyzers() {
		want = append(want, a.Name)
	}
	assert.Equal(t, want, names, "the same analyzers as the command")

	p, err = New(map[string]any{"checkthenact": map[string]any{"enabled": false}})
	require.NoError(t, err)
	_, err = p.BuildAnalyzers()
	require.NoError(t, err)
	t.Cleanup(func() { effects.ConfigSource().SetInline(nil) })
	cfg, err := effects.ConfigSource().For(t.TempDir())
	require.NoError(t, err)
	assert.False(t, cfg.Enabled("checkthenact"), "the settings are every package's configuration")
}

func TestFolded(t *testing.T) {
	fset := token.NewFileSet()
	a := fset.AddFile("/m/a.go", -1, 100)
	a.SetLines([]int{0, 10, 20, 30})
	b := fset.AddFile("/m/b.go", -1, 100)
	b.SetLines([]int{0, 10})
	d := folded(fset, analysis.Diagnostic{Pos: a.Pos(25), Message: "GET then SET is not atomic",
		Related: []analysis.RelatedInformation{{Pos: a.Pos(12), Message: "\tchecked here"}, {Pos: b.Pos(15), Message: "sent here"}}})
	assert.Equal(t, "GET then SET is not atomic (checked here: line 2) (sent here: b.go:2)", d.Message)
	assert.Empty(t, d.Related)
}
