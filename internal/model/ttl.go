package model

// How long a key written by a store operation lives: the TTL argument and its
// unit. go-redis takes a time.Duration (nanoseconds: a bare 86400 is 86.4µs);
// redigo takes the seconds of "EX" n and SETEX, the milliseconds of "PX" n and
// PSETEX; go-redis SetArgs carries it in its TTL field; EXPIRE sets it later.

import (
	"strings"
	"time"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/ssautil"
)

// TTL is the expiry an operation gives its key.
type TTL struct {
	Value ssa.Value     // the argument
	Unit  time.Duration // what one unit of Value is
	// Duration says Value is a time.Duration parameter (go-redis): an untyped
	// integer there is nanoseconds.
	Duration bool
	// Arg is Value's index among the call's arguments (receiver not counted),
	// or -1 when it sits in a struct literal or a variadic slice.
	Arg int
}

// TTLOf returns the expiry that op sets on its key, if it sets one visibly.
func TTLOf(op *Op) (TTL, bool) {
	args := Args(op.Instr.Common())
	switch {
	case op.Row.Dispatch == SetArgsMode:
		if len(args) > 3 {
			if v := ssautil.StructFieldValue(args[3], "TTL"); v != nil {
				return TTL{Value: v, Unit: time.Nanosecond, Duration: true, Arg: -1}, true
			}
		}
	case op.Row.Dispatch == RedisCommand:
		return redigoTTL(op, args)
	case op.Row.Dispatch == RedisBuilder:
		return rueidisTTL(args, op.Row.Cmd)
	case op.Row.TTL != No && op.Row.TTL < len(args) && IsGoRedis(op.Row.Pkg):
		return TTL{Value: args[op.Row.TTL], Unit: time.Nanosecond, Duration: true, Arg: op.Row.TTL}, true
	case op.Row.Store == Other && op.Row.TTL != No && op.Row.TTL < len(args) && isNamedExactly(args[op.Row.TTL].Type(), "time", "Duration"):
		// a user's row (ttl=N): its unit is known only when the argument is a time.Duration
		return TTL{Value: args[op.Row.TTL], Unit: time.Nanosecond, Duration: true, Arg: op.Row.TTL}, true
	}
	return TTL{}, false
}

// redigoTTL reads SETEX key n value, PSETEX, and SET key value ... EX n / PX n.
func redigoTTL(op *Op, args []ssa.Value) (TTL, bool) {
	switch op.Verb {
	case "SETEX", "PSETEX":
		if op.TTL != nil {
			unit := time.Second
			if op.Verb == "PSETEX" {
				unit = time.Millisecond
			}
			return TTL{Value: op.TTL, Unit: unit, Arg: -1}, true
		}
	case "SET", "SET NX":
		cmdArgs, _ := ssautil.VarArgsAt(args, op.Row.Args)
		for i := 2; i+1 < len(cmdArgs); i++ {
			switch s, _ := ssautil.ConstString(cmdArgs[i]); strings.ToUpper(s) {
			case "EX":
				return TTL{Value: cmdArgs[i+1], Unit: time.Second, Arg: -1}, true
			case "PX":
				return TTL{Value: cmdArgs[i+1], Unit: time.Millisecond, Arg: -1}, true
			}
		}
	}
	return TTL{}, false
}

// Expiry is an EXPIRE of a key written before: rdb.Expire(ctx, key, ttl),
// redigo Do("EXPIRE", key, n).
type Expiry struct {
	Key ssa.Value
	TTL TTL
}

// ExpiryOf returns the EXPIRE that call performs, if it is one.
func ExpiryOf(call ssa.CallInstruction) (Expiry, bool) {
	common := call.Common()
	fn := Callee(common)
	if fn == nil || fn.Pkg() == nil {
		return Expiry{}, false
	}
	args := Args(common)
	if IsGoRedis(fn.Pkg().Path()) && len(args) == 3 && recvTypeName(fn) != "" {
		switch fn.Name() {
		case "Expire", "ExpireNX", "ExpireGT", "ExpireLT", "ExpireXX", "PExpire":
			return Expiry{Key: args[1], TTL: TTL{Value: args[2], Unit: time.Nanosecond, Duration: true, Arg: 2}}, true
		}
	}
	if row := Builtin().Lookup(fn); row != nil && row.Dispatch == RedisCommand && row.Cmd < len(args) {
		name, _ := ssautil.ConstString(args[row.Cmd])
		cmdArgs, _ := ssautil.VarArgsAt(args, row.Args)
		if len(cmdArgs) < 2 {
			return Expiry{}, false
		}
		switch strings.ToUpper(name) {
		case "EXPIRE":
			return Expiry{Key: cmdArgs[0], TTL: TTL{Value: cmdArgs[1], Unit: time.Second, Arg: -1}}, true
		case "PEXPIRE":
			return Expiry{Key: cmdArgs[0], TTL: TTL{Value: cmdArgs[1], Unit: time.Millisecond, Arg: -1}}, true
		}
	}
	return Expiry{}, false
}

// keepTTL is go-redis's redis.KeepTTL: an expiration of -1 sends KEEPTTL.
const keepTTL = -1

// KeepsTTL reports a write that keeps the TTL its key already has: go-redis
// Set(ctx, k, v, redis.KeepTTL), SetArgs{KeepTTL: true}, redigo SET ... KEEPTTL.
// Writing the final response over an in-flight claim this way leaves the claim's
// TTL in force.
func KeepsTTL(op *Op) bool {
	args := Args(op.Instr.Common())
	switch {
	case op.Row.Dispatch == SetArgsMode:
		if len(args) > 3 {
			keep, ok := ssautil.StructFieldConst(args[3], "KeepTTL")
			return ok && keep == "true"
		}
	case op.Row.Dispatch == RedisCommand:
		cmdArgs, _ := ssautil.VarArgsAt(args, op.Row.Args)
		for _, a := range cmdArgs {
			if s, _ := ssautil.ConstString(a); strings.EqualFold(s, "KEEPTTL") {
				return true
			}
		}
	case op.Row.TTL != No && op.Row.TTL < len(args) && IsGoRedis(op.Row.Pkg):
		c, ok := ssautil.Unwrap(args[op.Row.TTL]).(*ssa.Const)
		return ok && c.Value != nil && c.Int64() == keepTTL
	}
	return false
}
