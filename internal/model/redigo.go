package model

// redigo (github.com/gomodule/redigo/redis): the command is a string argument,
// conn.Do("SET", key, value, "NX", "EX", ttl), so its rows dispatch on it.

import (
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/ssautil"
)

const redigo = "github.com/gomodule/redigo/redis"

var redigoLib = &Library{Name: "redigo", Paths: []string{redigo}, Rows: redigoRows(),
	Plumbing: []string{"Get", "GetContext", "Close", "Flush", "Err",
		"Int", "Int64", "Uint64", "Float64", "String", "Bytes", "Bool", "Values", "Strings", "ByteSlices", "Ints", "Int64s", "StringMap", "IntMap", "Int64Map"}}

func redigoRows() []Row {
	do := func(recv, name string, cmd int, kind Kind) Row {
		r := op(redigo, recv, name, kind, Redis, "")
		if kind == Invalid {
			r.Dispatch = RedisCommand
		}
		r.Cmd, r.Args = cmd, cmd+1
		return r
	}
	return []Row{
		do("any", "Do", 0, Invalid),
		do("any", "Send", 0, Invalid),
		do("any", "DoContext", 1, Invalid),
		do("any", "DoWithTimeout", 1, Invalid),
		do("", "DoContext", 2, Invalid),
		do("", "DoWithTimeout", 2, Invalid),
		op(redigo, "Script", "Do", Atomic, Redis, "EVALSHA"),
		op(redigo, "Script", "DoContext", Atomic, Redis, "EVALSHA"),
		op(redigo, "Script", "Send", Atomic, Redis, "EVALSHA"),
		op(redigo, "Script", "SendHash", Atomic, Redis, "EVALSHA"),
	}
}

// redisCommands classifies redigo command names. SET is refined by its options.
var redisCommands = map[string]Kind{
	"GET": Read, "EXISTS": Read, "HGET": Read, "HEXISTS": Read, "HMGET": Read,
	"SISMEMBER": Read, "SMISMEMBER": Read,
	"SET": Write, "SETEX": Write, "PSETEX": Write, "HSET": Write, "HMSET": Write, "SADD": Write, "ZADD": Write,
	"INCR": Incr, "INCRBY": Incr, "DECR": Incr, "DECRBY": Incr, "HINCRBY": Incr, "INCRBYFLOAT": Incr,
	"SETNX": Claim, "HSETNX": Claim, "MSETNX": Claim, "GETSET": Claim, "GETDEL": Claim,
	"DEL": Delete, "UNLINK": Delete, "HDEL": Delete, "SREM": Delete,
	"EVAL": Atomic, "EVALSHA": Atomic, "EVAL_RO": Atomic, "FCALL": Atomic,
	"WATCH": Atomic, "MULTI": Atomic, "EXEC": Atomic,
	"LPUSH": Publish, "RPUSH": Publish, "XADD": Publish, "PUBLISH": Publish,
}

// redisFieldCommands take a hash field or set member after the key.
var redisFieldCommands = map[string]bool{
	"HGET": true, "HEXISTS": true, "HMGET": true, "SISMEMBER": true, "SMISMEMBER": true,
	"HSET": true, "HMSET": true, "SADD": true, "HINCRBY": true, "HSETNX": true, "HDEL": true, "SREM": true,
}

// resolveRedisCommand fills o from a redigo call Do(cmd, args...). A command that is
// not a constant string stays unresolved: guessing would invent findings.
func resolveRedisCommand(o *Op, cmd ssa.Value, args []ssa.Value, first int) {
	name, ok := ssautil.ConstString(cmd)
	if !ok {
		return
	}
	cmdArgs, _ := ssautil.VarArgsAt(args, first)
	c, ok := parseRedisCommand(name, setOptions(cmdArgs))
	if !ok {
		return
	}
	o.Kind, o.Verb = c.Kind, c.Verb
	if len(cmdArgs) > 0 {
		o.Key = cmdArgs[0]
	}
	if redisFieldCommands[c.Name] && len(cmdArgs) > 1 {
		o.Field = cmdArgs[1]
	}
	switch c.Name {
	case "WATCH":
		o.Watch = true
	case "SET":
		if len(cmdArgs) > 1 {
			o.Value = cmdArgs[1]
		}
	case "HSET", "HSETNX":
		if len(cmdArgs) == 3 {
			o.Value = cmdArgs[2]
		}
	case "SETEX", "PSETEX":
		if len(cmdArgs) > 2 {
			o.TTL, o.Value = cmdArgs[1], cmdArgs[2]
		}
	}
}

// redisCmd is a redigo command name resolved: Name is the command as Redis
// knows it (upper case), Kind what it does to the key, and Verb how messages name it.
type redisCmd struct {
	Name, Verb string
	Kind       Kind
}

// unknownOption stands, among SET's options, for a string known only at run time:
// it could be NX.
const unknownOption = "?"

// parseRedisCommand classifies a redigo command as the program writes it (any case,
// spaces around it); setOptions are SET's arguments after the key and value as
// constant strings (unknownOption for one that is not a constant), numbers left
// out. A SET is a claim when an option makes it conditional (NX, a compare-and-set
// mode) or could (unknownOption), to stay quiet. Unknown commands are false.
func parseRedisCommand(name string, setOptions []string) (redisCmd, bool) {
	name = strings.ToUpper(strings.TrimSpace(name))
	kind, ok := redisCommands[name]
	if !ok {
		return redisCmd{}, false
	}
	c := redisCmd{Name: name, Verb: name, Kind: kind}
	if name == "SET" && setIsConditional(setOptions) {
		c.Kind, c.Verb = Claim, "SET NX"
	}
	return c, true
}

// setOptions returns SET's options, the arguments after the key and the value, as
// parseRedisCommand reads them.
func setOptions(args []ssa.Value) []string {
	var opts []string
	for _, a := range args[min(2, len(args)):] {
		s, ok := ssautil.ConstString(a)
		switch {
		case ok:
			opts = append(opts, s)
		case ssautil.IsStringTyped(a):
			opts = append(opts, unknownOption)
		} // else a number: the EX/PX argument
	}
	return opts
}

// setIsConditional reports whether SET's options make it a claim.
func setIsConditional(opts []string) bool {
	for _, o := range opts {
		switch strings.ToUpper(strings.TrimSpace(o)) {
		case "NX", "IFEQ", "IFNE", "IFDEQ", "IFDNE", unknownOption:
			return true
		}
	}
	return false
}
