package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLinksAreWellFormed: a command names its kind and verb, a part names the
// argument it reads, and no two links claim one method.
func TestLinksAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range builtinLinks() {
		id := l.Pkg + " " + l.Recv + " " + l.Name
		assert.False(t, seen[id], "%s declared twice", id)
		seen[id] = true
		switch l.Role {
		case Command, ModePart:
			assert.NotEqual(t, Invalid, l.Kind, id)
			assert.NotEmpty(t, l.Verb, id)
		case KeyPart, FieldPart, ValuePart, TTLPart, TablePart, ModelPart, WherePart, ClausePart, RawPart:
			assert.GreaterOrEqual(t, l.Arg, 0, id)
		}
	}
}

// TestRueidisRowsReachLinks: every rueidis sender dispatches to the builder, and
// valkey-go has the same rows.
func TestRueidisRowsReachLinks(t *testing.T) {
	n := map[string]int{}
	for _, r := range rueidisRows() {
		if r.Dispatch == RedisBuilder {
			n[r.Pkg]++
			assert.Equal(t, 1, r.Cmd, r.FullName())
		}
	}
	assert.Equal(t, n[rueidis], n[valkey])
	assert.Positive(t, n[rueidis])
}
