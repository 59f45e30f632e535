package suppress

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/internal/testtree"
)

func TestNames(t *testing.T) {
	assert.True(t, names("//idemlint:ignore checkthenact the caller claims", "checkthenact"))
	assert.True(t, names("//idemlint:ignore all generated", "checkthenact"))
	assert.True(t, names("//idemlint:ignore coarsekey,checkthenact both", "checkthenact"))
	assert.False(t, names("//idemlint:ignore coarsekey reason", "checkthenact"))
	assert.False(t, names("//idemlint:ignore", "checkthenact"), "the analyzer must be named")
	assert.False(t, names("//idemlint:ignore checkthenacts reason", "checkthenact"), "names are whole")
	assert.False(t, names("// idemlint:ignore checkthenact", "checkthenact"), "a directive has no space")
	assert.False(t, names("//nolint:checkthenact", "checkthenact"))
}

func TestParse(t *testing.T) {
	d, ok := parse("//idemlint:ignore checkthenact,coarsekey the caller claims")
	assert.True(t, ok)
	assert.Equal(t, directive{analyzers: []string{"checkthenact", "coarsekey"}, reason: "the caller claims"}, d)
	d, ok = parse("//idemlint:ignore checkthenact")
	assert.True(t, ok)
	assert.Empty(t, d.reason)
	d, ok = parse("//idemlint:ignore")
	assert.True(t, ok)
	assert.Empty(t, d.analyzers)
	_, ok = parse("//idemlint:ignored checkthenact x")
	assert.False(t, ok)
	assert.True(t, names("//idemlint:ignore checkthenact", "checkthenact"), "a directive without a reason still suppresses")
}

func TestChecker(t *testing.T) {
	analysistest.Run(t, testtree.Dir(t), Checker([]string{"checkthenact", "headermismatch"}), "ignorereason")
}
