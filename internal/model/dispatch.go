package model

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// redisCommands classifies redigo command names. SET is refined by its options.
var redisCommands = map[string]Kind{
	"GET": Read, "EXISTS": Read, "HGET": Read, "HEXISTS": Read, "HMGET": Read,
	"SISMEMBER": Read, "SMISMEMBER": Read,
	"SET": Write, "SETEX": Write, "PSETEX": Write, "HSET": Write, "HMSET": Write, "SADD": Write,
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
	name = strings.ToUpper(strings.TrimSpace(name))
	kind, ok := redisCommands[name]
	if !ok {
		return
	}
	cmdArgs, _ := ssautil.VarArgsAt(args, first)
	o.Kind, o.Verb = kind, name
	if len(cmdArgs) > 0 {
		o.Key = cmdArgs[0]
	}
	if redisFieldCommands[name] && len(cmdArgs) > 1 {
		o.Field = cmdArgs[1]
	}
	switch name {
	case "SET":
		if len(cmdArgs) > 1 {
			o.Value = cmdArgs[1]
		}
		if setIsConditional(cmdArgs) {
			o.Kind, o.Verb = Claim, "SET NX"
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

// setIsConditional reports whether SET's options make it a claim (NX, or a
// compare-and-set); an option that is not a constant counts as one, to stay quiet.
func setIsConditional(args []ssa.Value) bool {
	for _, a := range args[min(2, len(args)):] {
		s, ok := ssautil.ConstString(a)
		if !ok {
			if ssautil.IsStringTyped(a) {
				return true
			}
			continue // a number: EX/PX argument
		}
		switch strings.ToUpper(s) {
		case "NX", "IFEQ", "IFNE", "IFDEQ", "IFDNE":
			return true
		}
	}
	return false
}

// resolveSQL classifies the statement and sets the op's kind from it.
func resolveSQL(o *Op, query ssa.Value, args []ssa.Value) {
	text, ok := ssautil.ConstString(query)
	if !ok {
		return
	}
	st := sqlclass.Classify(text)
	o.SQL, o.SQLArgs, o.Verb = &st, args, st.Verb.String()
	switch {
	case st.AdvisoryLock:
		if transactionScoped(text) && !onTransaction(o.Recv) {
			return // pg_advisory_xact_lock outside a transaction is released at once
		}
		o.Kind = Lock
	case st.Verb == sqlclass.Select:
		o.Kind = Read
		o.Locking = st.ForUpdate && onTransaction(o.Recv)
	case st.Verb == sqlclass.Upsert, st.Verb == sqlclass.Insert && st.OnConflict:
		o.Kind = Claim
	case st.Verb == sqlclass.Insert:
		o.Kind = Write
	case st.Verb == sqlclass.Update && st.Conditional:
		o.Kind = Claim // compare-and-set: WHERE id = $1 AND status = 'pending'
	case st.Verb == sqlclass.Update && st.SelfRelative && len(st.SetArgs) == 0:
		o.Kind = Incr
	case st.Verb == sqlclass.Update:
		o.Kind = Write
	case st.Verb == sqlclass.Delete:
		o.Kind = Delete
	}
}

// transactionScoped reports whether an advisory lock lasts only for the transaction.
func transactionScoped(query string) bool {
	return strings.Contains(strings.ToLower(query), "xact")
}

// onTransaction reports whether a SQL call's receiver is a transaction (sql.Tx,
// sqlx.Tx, pgx.Tx, pgxpool.Tx), where a transaction-scoped lock is held until commit.
func onTransaction(recv ssa.Value) bool {
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Tx"
}
