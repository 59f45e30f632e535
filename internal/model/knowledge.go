package model

// Facts about third-party and standard-library APIs that are not store operations
// but that the passes need: what makes a value fresh per attempt, which transaction
// level serializes, which command accessors hand back the stored value. They live
// here, beside the table, so no pass matches library names itself.

import (
	"go/constant"
	"go/types"
	"strings"
)

// Mints reports whether fn makes a new value on every call: the clock, randomness,
// or a unique-id generator (uuid.New, uuid.NewString, ulid.Make, xid.New, ...). A
// key or value built from one differs between two deliveries of the same event.
func Mints(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	path, name := fn.Pkg().Path(), fn.Name()
	switch path {
	case "time":
		return name == "Now"
	case "math/rand", "math/rand/v2", "crypto/rand":
		return true
	}
	last := strings.ToLower(path[strings.LastIndex(path, "/")+1:])
	if last == "v2" || last == "v5" { // github.com/oklog/ulid/v2, github.com/gofrs/uuid/v5
		trimmed := strings.TrimSuffix(path, "/"+last)
		last = strings.ToLower(trimmed[strings.LastIndex(trimmed, "/")+1:])
	}
	for _, id := range []string{"uuid", "ulid", "ksuid", "xid", "nanoid", "shortid"} {
		if strings.Contains(last, id) {
			return strings.HasPrefix(name, "New") || strings.HasPrefix(name, "Must") ||
				name == "Make" || strings.HasPrefix(name, "Generate")
		}
	}
	return false
}

// ReadsBack reports whether fn, called on a go-redis command, returns the value the
// command read, unchanged (cmd.Val(), cmd.Result(), cmd.Bytes(), cmd.Text()).
func ReadsBack(fn *types.Func) bool {
	if rueidisReadsBack(fn) {
		return true
	}
	if fn == nil || fn.Pkg() == nil || !IsGoRedis(fn.Pkg().Path()) {
		return false
	}
	switch fn.Name() {
	case "Val", "Result", "Bytes", "Text":
		return true
	}
	return false
}

// Miss reports a predicate of a store's library that says a read found nothing
// (rueidis.IsRedisNil(err)), beside the sentinels compared with errors.Is.
func Miss(fn *types.Func) bool { return rueidisMiss(fn) }

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

// SerializableLevel reports whether a constant of type t is the serializable
// isolation level of database/sql or pgx.
func SerializableLevel(t types.Type, v constant.Value) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || v == nil || n.Obj().Pkg() == nil {
		return false
	}
	switch n.Obj().Pkg().Path() + "." + n.Obj().Name() {
	case "database/sql.IsolationLevel":
		level, _ := constant.Int64Val(v)
		return level == 6 // sql.LevelSerializable
	case pgx + ".TxIsoLevel":
		return v.Kind() == constant.String && strings.EqualFold(constant.StringVal(v), "serializable")
	}
	return false
}

// ErrorPackage reports a package of database errors: code that imports one may
// recognize a unique violation (pgconn.PgError Code 23505, pq, MySQL 1062).
func ErrorPackage(path string) bool {
	switch path {
	case "github.com/jackc/pgx/v5/pgconn", "github.com/jackc/pgerrcode", "github.com/lib/pq", "github.com/go-sql-driver/mysql":
		return true
	}
	return false
}
