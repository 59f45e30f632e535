package model

// This file is the table: every third-party store API idemlint knows, by real import
// path and declared name. go-redis declares its commands on the unexported cmdable type
// and re-declares them in interfaces (Cmdable, StringCmdable, UniversalClient,
// Pipeliner, ...), so its rows use Recv "any"; exact rows for the same name win, which
// is how (*Script).Exists stays out of the EXISTS command.

const (
	goRedisV9 = "github.com/redis/go-redis/v9"
	goRedisV8 = "github.com/go-redis/redis/v8"
	redigo    = "github.com/gomodule/redigo/redis"
	pgx       = "github.com/jackc/pgx/v5"
	pgxpool   = "github.com/jackc/pgx/v5/pgxpool"
	sqlx      = "github.com/jmoiron/sqlx"
	redsync   = "github.com/go-redsync/redsync/v4"
	redislock = "github.com/bsm/redislock"
)

// builtinRows lists the known operations; see Row for the meaning of each column.
func builtinRows() []Row {
	var rows []Row
	for _, pkg := range []string{goRedisV9, goRedisV8} {
		rows = append(rows, goRedisRows(pkg)...)
	}
	rows = append(rows, redigoRows()...)
	rows = append(rows, sqlRows()...)
	rows = append(rows, mapAndLockRows()...)
	rows = append(rows, rueidisRows()...)
	return rows
}

// op builds a row with every optional argument absent.
func op(pkg, recv, name string, kind Kind, store Store, verb string) Row {
	return Row{Pkg: pkg, Recv: recv, Name: name, Kind: kind, Store: store, Verb: verb,
		Key: No, Field: No, Value: No, TTL: No, Cmd: No, Args: No, Callback: No}
}

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

func sqlRows() []Row {
	query := func(pkg, recv, name string, cmd int) Row {
		r := op(pkg, recv, name, Invalid, SQL, "")
		r.Dispatch, r.Cmd, r.Args = SQLQuery, cmd, cmd+1
		return r
	}
	var rows []Row
	for _, recv := range []string{"DB", "Tx", "Conn"} {
		rows = append(rows,
			query("database/sql", recv, "Exec", 0), query("database/sql", recv, "ExecContext", 1),
			query("database/sql", recv, "Query", 0), query("database/sql", recv, "QueryContext", 1),
			query("database/sql", recv, "QueryRow", 0), query("database/sql", recv, "QueryRowContext", 1))
	}
	for _, m := range []struct {
		name string
		args int
	}{{"Exec", 0}, {"ExecContext", 1}, {"Query", 0}, {"QueryContext", 1}, {"QueryRow", 0}, {"QueryRowContext", 1}} {
		r := op("database/sql", "Stmt", m.name, Invalid, SQL, "")
		r.Dispatch, r.Args = SQLStmt, m.args
		rows = append(rows, r)
	}
	for _, pkg := range []string{pgx, pgxpool} {
		rows = append(rows, query(pkg, "any", "Exec", 1), query(pkg, "any", "Query", 1), query(pkg, "any", "QueryRow", 1))
	}
	for _, m := range []struct {
		name string
		cmd  int
	}{{"Get", 1}, {"GetContext", 2}, {"Select", 1}, {"SelectContext", 2}, {"QueryRowx", 0}, {"QueryRowxContext", 1},
		{"Queryx", 0}, {"QueryxContext", 1}, {"MustExec", 0}, {"MustExecContext", 1}} {
		rows = append(rows, query(sqlx, "any", m.name, m.cmd))
	}
	rows = append(rows, query(sqlx, "", "Get", 2), query(sqlx, "", "GetContext", 3),
		query(sqlx, "", "Select", 2), query(sqlx, "", "SelectContext", 3),
		query(sqlx, "", "MustExec", 1), query(sqlx, "", "MustExecContext", 2))
	// NamedExec(query, arg): parameters bound by name from a struct's db tags or a map.
	named := func(recv, name string, cmd int) Row {
		r := query(sqlx, recv, name, cmd)
		r.Dispatch = SQLNamed
		return r
	}
	rows = append(rows, named("any", "NamedExec", 0), named("any", "NamedExecContext", 1),
		named("any", "NamedQuery", 0), named("any", "NamedQueryContext", 1),
		named("", "NamedExec", 1), named("", "NamedExecContext", 2),
		named("", "NamedQuery", 1), named("", "NamedQueryContext", 2))
	// *sqlx.Stmt from Preparex: the query is in the Preparex call.
	for _, m := range []struct {
		name string
		args int
	}{{"Get", 1}, {"GetContext", 2}, {"Select", 1}, {"SelectContext", 2}, {"QueryRowx", 0}, {"QueryRowxContext", 1},
		{"Queryx", 0}, {"QueryxContext", 1}, {"MustExec", 0}, {"MustExecContext", 1}} {
		r := op(sqlx, "Stmt", m.name, Invalid, SQL, "")
		r.Dispatch, r.Args = SQLStmt, m.args
		rows = append(rows, r)
	}
	return rows
}

func mapAndLockRows() []Row {
	m := func(name string, kind Kind, verb string, value int) Row {
		r := op("sync", "Map", name, kind, Map, verb)
		r.Key, r.Value = 0, value
		return r
	}
	lock := func(pkg, recv, name string, kind Kind, store Store) Row {
		return op(pkg, recv, name, kind, store, name)
	}
	return []Row{
		m("Load", Read, "Load", No),
		m("Store", Write, "Store", 1),
		m("LoadOrStore", Claim, "LoadOrStore", 1),
		m("LoadAndDelete", Claim, "LoadAndDelete", No),
		m("Swap", Claim, "Swap", 1),
		m("CompareAndSwap", Claim, "CompareAndSwap", 2),
		m("CompareAndDelete", Claim, "CompareAndDelete", No),
		m("Delete", Delete, "Delete", No),

		lock("sync", "Mutex", "Lock", Lock, Local),
		lock("sync", "Mutex", "TryLock", Lock, Local),
		lock("sync", "RWMutex", "Lock", Lock, Local),
		lock("sync", "Mutex", "Unlock", Unlock, Local),
		lock("sync", "RWMutex", "Unlock", Unlock, Local),

		lock(redsync, "Mutex", "Lock", Lock, Redis),
		lock(redsync, "Mutex", "LockContext", Lock, Redis),
		lock(redsync, "Mutex", "TryLock", Lock, Redis),
		lock(redsync, "Mutex", "TryLockContext", Lock, Redis),
		lock(redsync, "Mutex", "Unlock", Unlock, Redis),
		lock(redsync, "Mutex", "UnlockContext", Unlock, Redis),
		lock(redislock, "Client", "Obtain", Lock, Redis),
		lock(redislock, "", "Obtain", Lock, Redis),
		lock(redislock, "Lock", "Release", Unlock, Redis),
	}
}
