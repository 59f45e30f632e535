package model

// go-redis (github.com/redis/go-redis/v9 and github.com/go-redis/redis/v8): one
// method per command. go-redis declares its commands on the unexported cmdable type
// and re-declares them in interfaces (Cmdable, StringCmdable, UniversalClient,
// Pipeliner, ...), so its rows use Recv "any"; exact rows for the same name win,
// which is how (*Script).Exists stays out of the EXISTS command.

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/ssautil"
)

const (
	goRedisV9 = "github.com/redis/go-redis/v9"
	goRedisV8 = "github.com/go-redis/redis/v8"
)

var (
	goRedisV9Lib = goRedisLib("go-redis v9", goRedisV9)
	goRedisV8Lib = goRedisLib("go-redis v8", goRedisV8)
)

func goRedisLib(name, pkg string) *Library {
	return &Library{Name: name, Paths: []string{pkg}, Rows: goRedisRows(pkg),
		ReadBack: []string{"Val", "Result", "Bytes", "Text"}, Store: Redis, Advice: goRedisAdvice,
		Plumbing: []string{"Pipeline", "TxPipeline", "Exec", "Err", "Close", "Conn"}}
}

var goRedisAdvice = &Advice{
	Claim:  "claim the key with SetNX (SET key val NX EX ttl)",
	Incr:   "decide on the result of the INCR itself, or use a Lua script",
	Update: "use INCRBY/HINCRBY, a Lua script or WATCH/MULTI",
}

// goRedisRows is a table of go-redis's commands, long because it lists them.
func goRedisRows(pkg string) []Row {
	key := func(name string, kind Kind, verb string) Row {
		r := op(pkg, "any", name, kind, Redis, verb)
		r.Key = 1 // every command takes ctx first
		return r
	}
	withField := func(r Row, field int, variadic bool) Row { r.Field, r.FieldVar = field, variadic; return r }
	withValue := func(r Row, value, ttl int) Row { r.Value, r.TTL = value, ttl; return r }
	variadicKey := func(r Row) Row { r.KeyVar = true; return r }
	pairs := func(r Row) Row { r.PairValue = true; return r }
	callback := func(name string, guarded bool) Row {
		r := op(pkg, "any", name, Invalid, Redis, name)
		r.Callback, r.Guarded = 1, guarded
		if name == "Watch" {
			r.Kind, r.Key, r.KeyVar = Atomic, 2, true
		}
		return r
	}
	setArgs := withValue(key("SetArgs", Write, "SET"), 2, No)
	setArgs.Dispatch = SetArgsMode
	script := func(name string) Row { return op(pkg, "Script", name, Atomic, Redis, "EVALSHA") }
	return []Row{
		key("Get", Read, "GET"),
		variadicKey(key("Exists", Read, "EXISTS")),
		withField(key("HGet", Read, "HGET"), 2, false),
		withField(key("HExists", Read, "HEXISTS"), 2, false),
		withField(key("HMGet", Read, "HMGET"), 2, true),
		withField(key("SIsMember", Read, "SISMEMBER"), 2, false),
		withField(key("SMIsMember", Read, "SMISMEMBER"), 2, true),

		withValue(key("Set", Write, "SET"), 2, 3),
		withValue(key("SetEx", Write, "SETEX"), 2, 3),
		withValue(key("SetEX", Write, "SETEX"), 2, 3),
		withValue(key("SetXX", Write, "SET XX"), 2, 3),
		setArgs,
		pairs(withField(key("HSet", Write, "HSET"), 2, true)),
		pairs(withField(key("HMSet", Write, "HMSET"), 2, true)),
		withField(key("SAdd", Write, "SADD"), 2, true),

		key("Incr", Incr, "INCR"),
		key("IncrBy", Incr, "INCRBY"),
		key("IncrByFloat", Incr, "INCRBYFLOAT"),
		key("Decr", Incr, "DECR"),
		key("DecrBy", Incr, "DECRBY"),
		withField(key("HIncrBy", Incr, "HINCRBY"), 2, false),
		withField(key("HIncrByFloat", Incr, "HINCRBYFLOAT"), 2, false),

		withValue(key("SetNX", Claim, "SETNX"), 2, 3),
		withField(key("HSetNX", Claim, "HSETNX"), 2, false),
		variadicKey(key("MSetNX", Claim, "MSETNX")),
		key("GetSet", Claim, "GETSET"),
		key("GetDel", Claim, "GETDEL"),

		variadicKey(key("Del", Delete, "DEL")),
		variadicKey(key("Unlink", Delete, "UNLINK")),
		withField(key("HDel", Delete, "HDEL"), 2, true),
		withField(key("SRem", Delete, "SREM"), 2, true),

		key("LPush", Publish, "LPUSH"),
		key("RPush", Publish, "RPUSH"),
		op(pkg, "any", "XAdd", Publish, Redis, "XADD"),
		key("Publish", Publish, "PUBLISH"),

		op(pkg, "any", "Eval", Atomic, Redis, "EVAL"),
		op(pkg, "any", "EvalSha", Atomic, Redis, "EVALSHA"),
		op(pkg, "any", "EvalRO", Atomic, Redis, "EVAL_RO"),
		op(pkg, "any", "EvalShaRO", Atomic, Redis, "EVALSHA_RO"),
		op(pkg, "any", "FCall", Atomic, Redis, "FCALL"),
		script("Run"), script("RunRO"), script("Eval"), script("EvalSha"), script("EvalRO"), script("EvalShaRO"),
		op(pkg, "Script", "Exists", Invalid, Redis, ""), // SCRIPT EXISTS, not a key
		op(pkg, "Script", "Load", Invalid, Redis, ""),

		callback("Watch", false),
		callback("TxPipelined", true),
		callback("Pipelined", true),
	}
}

// setArgsPlainSet reports whether a go-redis SetArgs value has Mode "" or "XX" and no
// Get, i.e. the SET overwrites blindly. Any other or unknown mode (NX, IFEQ, ...) is
// a conditional set.
func setArgsPlainSet(v ssa.Value) bool {
	mode, ok := ssautil.StructFieldConst(v, "Mode")
	if !ok {
		return false
	}
	if get, ok := ssautil.StructFieldConst(v, "Get"); !ok || get == "true" {
		return false // SET ... GET returns the old value: the GETSET claim
	}
	m := strings.ToUpper(mode)
	return m == "" || m == "XX"
}

// IsRedisTx reports whether t is a go-redis *Tx, which only exists inside Watch.
func IsRedisTx(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Tx" && n.Obj().Pkg() != nil && IsGoRedis(n.Obj().Pkg().Path())
}

// IsGoRedis reports whether path is go-redis v9 or v8.
func IsGoRedis(path string) bool { return path == goRedisV9 || path == goRedisV8 }

// The mechanical fix of a go-redis check-then-act (checkthenact's SuggestedFix):
//
//	if rdb.Exists(ctx, k).Val() > 0 { return }   =>   if !rdb.SetNX(ctx, k, 1, ttl).Val() { return }
//	rdb.Set(ctx, k, 1, ttl)                            (removed)
const (
	goRedisPlainSet = "Set"    // the write the fix removes: Set(ctx, key, value, ttl)
	goRedisClaim    = "SetNX"  // the claim it puts in the check's place, same arguments
	goRedisExists   = "Exists" // a check whose Val() counts the keys found
	goRedisGet      = "Get"    // a check whose Err() is Nil on a miss
	goRedisValue    = "Val"
	goRedisErr      = "Err"
	goRedisNil      = "Nil" // the sentinel of a miss
)

// ClaimFor returns the method that claims what a go-redis row writes (SetNX for
// Set, with the same arguments), or "" when the write has no mechanical claim.
func ClaimFor(r *Row) string {
	if r != nil && IsGoRedis(r.Pkg) && r.Name == goRedisPlainSet {
		return goRedisClaim
	}
	return ""
}

// CheckShape is how the condition of a go-redis check reads the command.
type CheckShape uint8

const (
	NoShape CheckShape = iota
	// CountsKeys: rdb.Exists(ctx, k).Val() > 0 is true when the key is there.
	CountsKeys
	// ErrMisses: rdb.Get(ctx, k).Err() == redis.Nil is true when it is not.
	ErrMisses
)

// CheckShapeOf returns how a condition on row's command decides, given the
// accessor called on the command in the condition.
func CheckShapeOf(r *Row, accessor *types.Func) CheckShape {
	if r == nil || !IsGoRedis(r.Pkg) || accessor == nil || libraryOf(accessor) == nil || !IsGoRedis(accessor.Pkg().Path()) {
		return NoShape
	}
	switch {
	case r.Name == goRedisExists && accessor.Name() == goRedisValue:
		return CountsKeys
	case r.Name == goRedisGet && accessor.Name() == goRedisErr:
		return ErrMisses
	}
	return NoShape
}

// IsMissSentinel reports go-redis's redis.Nil, the error of a read that found no key.
// (a constant of go-redis's error type).
func IsMissSentinel(obj types.Object) bool {
	switch obj.(type) {
	case *types.Const, *types.Var:
	default:
		return false
	}
	return obj.Pkg() != nil && IsGoRedis(obj.Pkg().Path()) && obj.Name() == goRedisNil && obj.Parent() == obj.Pkg().Scope()
}
