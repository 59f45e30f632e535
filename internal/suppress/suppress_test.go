package suppress

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNames(t *testing.T) {
	assert.True(t, names("//idemlint:ignore checkthenact the caller claims", "checkthenact"))
	assert.True(t, names("//idemlint:ignore all generated", "checkthenact"))
	assert.True(t, names("//idemlint:ignore coarsekey,checkthenact both", "checkthenact"))
	assert.False(t, names("//idemlint:ignore coarsekey reason", "checkthenact"))
	assert.False(t, names("//idemlint:ignore", "checkthenact"), "the analyzer must be named")
	assert.False(t, names("// idemlint:ignore checkthenact", "checkthenact"), "a directive has no space")
	assert.False(t, names("//nolint:checkthenact", "checkthenact"))
}
