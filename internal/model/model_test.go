package model

import (
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseFuncRow(t *testing.T) {
	r, err := ParseFuncRow("(*mycorp/cache.Store).Claim=claim:key=1:ttl=2")
	require.NoError(t, err)
	assert.Equal(t, "mycorp/cache", r.Pkg)
	assert.Equal(t, "Store", r.Recv)
	assert.Equal(t, "Claim", r.Name)
	assert.Equal(t, Claim, r.Kind)
	assert.Equal(t, 1, r.Key)
	assert.Equal(t, 2, r.TTL)
	assert.Equal(t, No, r.Value)
	assert.Equal(t, "(mycorp/cache.Store).Claim", r.FullName())

	r, err = ParseFuncRow("mycorp/dedup.Seen=read:key=0")
	require.NoError(t, err)
	assert.Equal(t, "", r.Recv)
	assert.Equal(t, Read, r.Kind)
	assert.Equal(t, "mycorp/dedup.Seen", r.FullName())
}

func TestParseFuncRowErrors(t *testing.T) {
	for _, bad := range []string{
		"",
		"mycorp/dedup.Seen",              // no kind
		"mycorp/dedup.Seen=fetch",        // unknown kind
		"mycorp/dedup.Seen=read:key=x",   // bad index
		"mycorp/dedup.Seen=read:key=-1",  // negative index
		"mycorp/dedup.Seen=read:field=1", // unknown option
		"(*mycorp/cache.Store=claim",     // unbalanced receiver
		"(mycorp/cache).Claim=claim",     // receiver without type
		"nodot=claim",                    // no package path
	} {
		_, err := ParseFuncRow(bad)
		assert.Error(t, err, bad)
	}
}

func TestParseKind(t *testing.T) {
	for k := Read; k <= Publish; k++ {
		got, err := ParseKind(k.String())
		require.NoError(t, err)
		assert.Equal(t, k, got)
	}
	_, err := ParseKind("invalid")
	assert.Error(t, err)
}

// TestTableRowsAreWellFormed guards the table against rows that could never match
// or that would index past their arguments.
func TestTableRowsAreWellFormed(t *testing.T) {
	for _, r := range builtinRows() {
		assert.NotEmpty(t, r.Pkg, r.FullName())
		assert.NotEmpty(t, r.Name, r.FullName())
		if r.Dispatch == Fixed && r.Kind == Invalid && r.Verb != "" { // Verb "" rows shadow a name: not an operation
			assert.NotEqual(t, No, r.Callback, "%s has no kind and no callback", r.FullName())
		}
		if r.Dispatch == RedisCommand || r.Dispatch == SQLQuery || r.Dispatch == SQLNamed {
			assert.GreaterOrEqual(t, r.Cmd, 0, r.FullName())
			assert.Equal(t, r.Cmd+1, r.Args, r.FullName())
		}
		if r.Kind == Read || r.Kind == Write || r.Kind == Claim && r.Store == Redis {
			if r.Dispatch == Fixed && r.Store != SQL {
				assert.NotEqual(t, No, r.Key, "%s has no key", r.FullName())
			}
		}
	}
}

func TestKnowsPackage(t *testing.T) {
	assert.True(t, KnowsPackage("github.com/redis/go-redis/v9"))
	assert.True(t, KnowsPackage("database/sql"))
	assert.False(t, KnowsPackage("github.com/redis/go-redis"))
	assert.False(t, KnowsPackage("fmt"))
}

func TestMints(t *testing.T) {
	fn := func(path, name string) *types.Func {
		return types.NewFunc(token.NoPos, types.NewPackage(path, "p"), name, types.NewSignatureType(nil, nil, nil, nil, nil, false))
	}
	for _, c := range []struct {
		path, name string
		want       bool
	}{
		{"time", "Now", true},
		{"time", "Since", false},
		{"crypto/rand", "Read", true},
		{"github.com/google/uuid", "NewString", true},
		{"github.com/google/uuid", "Parse", false},
		{"github.com/oklog/ulid/v2", "Make", true},
		{"github.com/gofrs/uuid/v5", "NewV4", true},
		{"github.com/rs/xid", "New", true},
		{"github.com/acme/ids", "New", false},
	} {
		assert.Equal(t, c.want, Mints(fn(c.path, c.name)), "%s.%s", c.path, c.name)
	}
	assert.False(t, Mints(nil))
}

func TestReadsBack(t *testing.T) {
	recv := types.NewNamed(types.NewTypeName(token.NoPos, types.NewPackage(goRedisV9, "redis"), "StringCmd", nil), types.NewStruct(nil, nil), nil)
	method := func(name string) *types.Func {
		sig := types.NewSignatureType(types.NewVar(token.NoPos, nil, "c", types.NewPointer(recv)), nil, nil, nil, nil, false)
		return types.NewFunc(token.NoPos, recv.Obj().Pkg(), name, sig)
	}
	assert.True(t, ReadsBack(method("Val")))
	assert.True(t, ReadsBack(method("Result")))
	assert.False(t, ReadsBack(method("Err")))
	assert.False(t, ReadsBack(types.NewFunc(token.NoPos, types.NewPackage("example.com/x", "x"), "Val", types.NewSignatureType(nil, nil, nil, nil, nil, false))))
}
