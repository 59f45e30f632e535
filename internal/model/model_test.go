package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
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
	assert.True(t, Builtin().KnowsPackage("github.com/redis/go-redis/v9"))
	assert.True(t, Builtin().KnowsPackage("database/sql"))
	assert.False(t, Builtin().KnowsPackage("github.com/redis/go-redis"))
	assert.False(t, Builtin().KnowsPackage("fmt"))
}

// TestNewTableLeavesBuiltinAlone: a run's rows are in its table only.
func TestNewTableLeavesBuiltinAlone(t *testing.T) {
	r, err := ParseFuncRow("(*mycorp/cache.Store).Claim=claim:key=1")
	require.NoError(t, err)
	withRow := NewTable(r)
	assert.True(t, withRow.KnowsPackage("mycorp/cache"))
	assert.True(t, withRow.KnowsPackage("database/sql"), "built-in rows stay")
	assert.False(t, Builtin().KnowsPackage("mycorp/cache"))
	assert.False(t, NewTable().KnowsPackage("mycorp/cache"))
	assert.Same(t, Builtin(), NewTable())
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

// TestUserRowTTL: a declared row's ttl=N names the argument that the resolved
// operation carries as its TTL, as built-in rows do for SetNX.
func TestUserRowTTL(t *testing.T) {
	const src = `package cache
type Store struct{}
func (s *Store) Claim(key string, ttl int) bool { return true }
func use(s *Store) { s.Claim("evt:1", 86400) }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "cache.go", src, 0)
	require.NoError(t, err)
	pkg, _, err := ssautil.BuildPackage(&types.Config{}, fset, types.NewPackage("mycorp/cache", "cache"), []*ast.File{f}, ssa.SanityCheckFunctions)
	require.NoError(t, err)
	call := firstCall(t, pkg.Func("use"))

	for spec, want := range map[string]string{
		"(*mycorp/cache.Store).Claim=claim:key=0:ttl=1": "86400:int",
		"(*mycorp/cache.Store).Claim=claim:key=0":       "",
	} {
		r, err := ParseFuncRow(spec)
		require.NoError(t, err)
		op := NewTable(r).Resolve(call, Env{})
		require.NotNil(t, op, spec)
		assert.Equal(t, Claim, op.Kind)
		assert.Equal(t, "\"evt:1\":string", op.Key.String(), spec)
		got := ""
		if op.TTL != nil {
			got = op.TTL.String()
		}
		assert.Equal(t, want, got, spec)
	}
	assert.Nil(t, Builtin().Resolve(call, Env{}), "the row is the run's, not the built-in table's")
}

func firstCall(t *testing.T, fn *ssa.Function) ssa.CallInstruction {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok {
				return c
			}
		}
	}
	t.Fatal("no call")
	return nil
}

func TestNamesLockIdent(t *testing.T) {
	for s, want := range map[string]bool{
		"acquireLock": true, "AttemptLock": true, "*pkg.redisLock": true,
		"releaseLock": true, "TryLock": true, "DistributedMutex": true,
		"blockUser": false, "clock": false, "unblock": false, "evt:": false, "Locksmith": false,
	} {
		assert.Equal(t, want, NamesLockIdent(s), s)
	}
}

func TestLibraryPackage(t *testing.T) {
	assert.True(t, LibraryPackage("github.com/redis/go-redis/v9"))
	assert.True(t, LibraryPackage("github.com/redis/go-redis/v9/internal/pool"), "a library's internal package")
	assert.True(t, LibraryPackage("github.com/nats-io/nats.go/jetstream"))
	assert.True(t, LibraryPackage("net/http"))
	assert.False(t, LibraryPackage("net/http/httptest"), "a standard package below a modeled one is its own")
	assert.False(t, LibraryPackage("github.com/redis/go-redis/extra/redisotel/v9"), "another module")
	assert.False(t, LibraryPackage("example.com/shop/redis"))
}
