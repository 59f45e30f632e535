package model

// rueidis (github.com/redis/rueidis) and its fork valkey-go
// (github.com/valkey-io/valkey-go), same API: a command is a builder chain on
// c.B(), sent by Do, DoCache or a dedicated client's Do:
//
//	c.Do(ctx, c.B().Set().Key("evt:"+id).Value("1").Nx().ExSeconds(86400).Build())
//
// Builder.<Command>() names the command; Key, Field/Member, Value and the
// expiration methods are declared on one generated type per step, so their links
// use Recv "any"; Nx (and the compare-and-set and GET options of SET) make it a claim.
// rueidis.IsRedisNil(err) tells a miss. rueidiscompat, the go-redis-like API, is
// not modeled (a known gap).

import (
	"go/types"
	"time"

	"golang.org/x/tools/go/ssa"
)

const (
	rueidis = "github.com/redis/rueidis"
	valkey  = "github.com/valkey-io/valkey-go"
)

// rueidisLike are the module paths with the rueidis API.
var rueidisLike = []string{rueidis, valkey}

var rueidisLib = &Library{Name: "rueidis, valkey-go", Paths: rueidisLike, Rows: rueidisRows()}

func rueidisRows() []Row {
	var rows []Row
	for _, pkg := range rueidisLike {
		send := func(name string) Row {
			r := op(pkg, "any", name, Invalid, Redis, "")
			r.Dispatch, r.Cmd = RedisBuilder, 1
			return r
		}
		lua := func(name string) Row {
			r := op(pkg, "Lua", name, Atomic, Redis, "EVALSHA")
			r.Key = 2 // Exec(ctx, c, keys, args)
			return r
		}
		// DoMulti, DoMultiCache and ExecMulti send several commands: one op per
		// call cannot describe them (a known gap, never a finding).
		rows = append(rows, send("Do"), send("DoCache"), send("DoStream"), lua("Exec"))
	}
	return rows
}

func rueidisLinks() []Link {
	var out []Link
	for _, pkg := range rueidisLike {
		cmds := pkg + "/internal/cmds"
		command := func(name string, kind Kind, verb string) Link {
			return Link{Pkg: cmds, Recv: "Builder", Name: name, Role: Command, Arg: No, Kind: kind, Verb: verb}
		}
		part := func(name string, role Role, arg int) Link {
			return Link{Pkg: cmds, Recv: "any", Name: name, Role: role, Arg: arg}
		}
		mode := func(name string, kind Kind, verb string) Link {
			return Link{Pkg: cmds, Recv: "any", Name: name, Role: ModePart, Arg: No, Kind: kind, Verb: verb}
		}
		out = append(out,
			command("Get", Read, "GET"), command("Exists", Read, "EXISTS"), command("Hget", Read, "HGET"),
			command("Hexists", Read, "HEXISTS"), command("Hmget", Read, "HMGET"), command("Sismember", Read, "SISMEMBER"),
			command("Smismember", Read, "SMISMEMBER"),
			command("Set", Write, "SET"), command("Setex", Write, "SETEX"), command("Psetex", Write, "PSETEX"),
			command("Hset", Write, "HSET"), command("Sadd", Write, "SADD"),
			command("Incr", Incr, "INCR"), command("Incrby", Incr, "INCRBY"), command("Incrbyfloat", Incr, "INCRBYFLOAT"),
			command("Decr", Incr, "DECR"), command("Decrby", Incr, "DECRBY"), command("Hincrby", Incr, "HINCRBY"),
			command("Setnx", Claim, "SETNX"), command("Hsetnx", Claim, "HSETNX"), command("Getset", Claim, "GETSET"),
			command("Getdel", Claim, "GETDEL"),
			command("Del", Delete, "DEL"), command("Unlink", Delete, "UNLINK"), command("Hdel", Delete, "HDEL"),
			command("Srem", Delete, "SREM"),
			command("Lpush", Publish, "LPUSH"), command("Rpush", Publish, "RPUSH"), command("Xadd", Publish, "XADD"),
			command("Publish", Publish, "PUBLISH"),
			command("Eval", Atomic, "EVAL"), command("Evalsha", Atomic, "EVALSHA"), command("EvalRo", Atomic, "EVAL_RO"),
			command("EvalshaRo", Atomic, "EVALSHA_RO"), command("Fcall", Atomic, "FCALL"),

			part("Key", KeyPart, 0), part("Field", FieldPart, 0), part("Member", FieldPart, 0),
			part("FieldValue", FieldPart, 0), part("Value", ValuePart, 0),
			part("Ex", TTLPart, 0), part("ExSeconds", TTLPart, 0), part("Px", TTLPart, 0),
			part("PxMilliseconds", TTLPart, 0), part("Seconds", TTLPart, 0), part("Milliseconds", TTLPart, 0),
			part("Build", Pass, No), part("Cache", Pass, No), part("Pin", Pass, No), part("ToPipe", Pass, No),
			part("ToRetryable", Pass, No),
			// The amount of INCRBY/DECRBY/HINCRBY, the elements of LPUSH/RPUSH, the
			// entry id of XADD and PUBLISH's message: what the command adds, not
			// which key it changes. PUBLISH's channel is its key, as in go-redis.
			part("Increment", Pass, No), part("Decrement", Pass, No), part("Element", Pass, No),
			part("Id", Pass, No), part("Message", Pass, No), part("Channel", KeyPart, 0),

			mode("Nx", Claim, "NX"), mode("Ifeq", Claim, "IFEQ"), mode("Ifne", Claim, "IFNE"),
			mode("Ifdeq", Claim, "IFDEQ"), mode("Ifdne", Claim, "IFDNE"),
			mode("Get", Claim, "GET"), // SET ... GET: the old value comes back, the GETSET claim
		)
	}
	return out
}

// resolveRedisBuilder fills o from the command built at argument row.Cmd. A command
// whose chain is out of view (built in another function) stays unresolved.
func resolveRedisBuilder(o *Op, row *Row, args []ssa.Value) {
	if row.Cmd >= len(args) {
		return
	}
	for _, s := range ChainOf(args[row.Cmd]) {
		switch s.Link.Role {
		case Command:
			o.Kind, o.Verb = s.Link.Kind, s.Link.Verb
		case KeyPart:
			if o.Key == nil {
				o.Key = s.Arg()
			}
		case FieldPart:
			if o.Field == nil {
				o.Field = s.Arg()
			}
		case ValuePart:
			o.Value = s.Arg()
		case TTLPart:
			o.TTL = s.Arg()
		case ModePart:
			if o.Kind == Write {
				o.Kind, o.Verb = s.Link.Kind, o.Verb+" "+s.Link.Verb
			}
		}
	}
}

// rueidisMiss reports rueidis.IsRedisNil and valkey.IsValkeyNil: the read found
// nothing.
func rueidisMiss(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case rueidis + ".IsRedisNil", valkey + ".IsValkeyNil":
		return true
	}
	return false
}

// rueidisReadsBack reports the accessors of a result that return what the command
// read, unchanged: r.ToString(), r.AsBytes(), ...
func rueidisReadsBack(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || (fn.Pkg().Path() != rueidis && fn.Pkg().Path() != valkey) {
		return false
	}
	switch fn.Name() {
	case "ToString", "AsBytes", "ToAny", "ToMessage":
		return true
	}
	return false
}

// rueidisTTLUnits are the expiration steps of a builder and the unit of their
// argument: Ex and Px take a time.Duration, ExSeconds and PxMilliseconds a count.
var rueidisTTLUnits = map[string]time.Duration{
	"Ex": time.Nanosecond, "Px": time.Nanosecond, "ExSeconds": time.Second, "Seconds": time.Second,
	"PxMilliseconds": time.Millisecond, "Milliseconds": time.Millisecond,
}

// rueidisTTL is the expiration step of the command built at argument cmd.
func rueidisTTL(args []ssa.Value, cmd int) (TTL, bool) {
	if cmd >= len(args) {
		return TTL{}, false
	}
	for _, s := range ChainOf(args[cmd]) {
		if unit, ok := rueidisTTLUnits[s.Link.Name]; ok && s.Link.Role == TTLPart && s.Arg() != nil {
			return TTL{Value: s.Arg(), Unit: unit, Duration: unit == time.Nanosecond, Arg: -1}, true
		}
	}
	return TTL{}, false
}
