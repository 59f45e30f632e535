package model

import (
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
)

func pkgFunc(path, name string) *types.Func {
	return types.NewFunc(token.NoPos, types.NewPackage(path, "p"), name, types.NewSignatureType(nil, nil, nil, nil, nil, false))
}

func TestStandardLibrary(t *testing.T) {
	assert.True(t, Inert("encoding/json"))
	assert.True(t, Inert("fmt"))
	assert.False(t, Inert("net/http"), "an outbound request is a side effect")
	assert.False(t, Inert("example.com/app/store"))

	assert.True(t, MatchesError(pkgFunc("errors", "Is")))
	assert.True(t, MatchesError(pkgFunc("errors", "As")))
	assert.False(t, MatchesError(pkgFunc("example.com/errors", "Is")))
	assert.False(t, MatchesError(nil))

	assert.True(t, Clock(pkgFunc("time", "Now")))
	assert.False(t, Clock(pkgFunc("time", "Since")))

	assert.Equal(t, FormatFirst, Formatting(pkgFunc("strconv", "Itoa")))
	assert.Equal(t, FormatSprintf, Formatting(pkgFunc("fmt", "Sprintf")))
	assert.Equal(t, FormatSprint, Formatting(pkgFunc("fmt", "Sprint")))
	assert.Equal(t, NoFormat, Formatting(pkgFunc("fmt", "Println")))
	assert.Equal(t, NoFormat, Formatting(nil))
}

func TestUniqueViolation(t *testing.T) {
	for _, s := range []string{"23505", "1062", "ERROR: duplicate key value violates unique constraint", "UNIQUE constraint failed"} {
		assert.True(t, UniqueViolation(s), s)
	}
	for _, s := range []string{"23503", "10620", "not found"} {
		assert.False(t, UniqueViolation(s), s)
	}
}

func TestAdviceFor(t *testing.T) {
	assert.Equal(t, "claim the key with SetNX (SET key val NX EX ttl)", AdviceFor(Redis).Claim)
	assert.Equal(t, "decide on the result of the INCR itself, or use a Lua script", AdviceFor(Redis).Incr)
	assert.Contains(t, AdviceFor(SQL).Claim, "ON CONFLICT DO NOTHING")
	assert.Equal(t, "claim the key with LoadOrStore", AdviceFor(Map).Claim)
	assert.Equal(t, "claim the key with one atomic set-if-absent call", AdviceFor(Other).Claim)
	assert.Equal(t, AdviceFor(Redis), AdviceFor(Broker), "a store without advice gets go-redis's")
}
