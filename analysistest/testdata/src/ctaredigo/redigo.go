// Package ctaredigo holds checkthenact cases for github.com/gomodule/redigo/redis:
// command names are strings, matched case-insensitively.
package ctaredigo

import (
	"context"
	"errors"
	"sync"

	"github.com/go-redsync/redsync/v4"
	"github.com/gomodule/redigo/redis"
)

func charge(string)             {}
func loadProfile(string) string { return "" }

// existsThenSet is the seed shape: EXISTS, charge, SET with a TTL.
func existsThenSet(c redis.Conn, id string) error {
	n, err := redis.Int(c.Do("EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	_, err = c.Do("SET", "evt:"+id, 1, "EX", 86400) // want `EXISTS then SET of "evt:"\+id is not atomic`
	return err
}

// existsThenSetNXClaim keeps the EXISTS fast path but claims with SET NX EX.
func existsThenSetNXClaim(c redis.Conn, id string) error {
	n, err := redis.Int(c.Do("EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	if _, err := redis.String(c.Do("SET", "evt:"+id, 1, "NX", "EX", 60)); err == redis.ErrNil {
		return nil // another delivery holds the claim
	}
	charge(id)
	return nil
}

// existsThenSETNXCommand claims with the SETNX command.
func existsThenSETNXCommand(c redis.Conn, id string) error {
	n, err := redis.Int(c.Do("EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	ok, err := redis.Bool(c.Do("SETNX", "evt:"+id, 1))
	if err != nil || !ok {
		return err
	}
	charge(id)
	return nil
}

var claimScript = redis.NewScript(1, `
if redis.call("EXISTS", KEYS[1]) == 1 then return 0 end
redis.call("SET", KEYS[1], 1, "EX", ARGV[1])
return 1`)

// existsThenScriptClaim claims with a Lua script that checks and sets atomically.
func existsThenScriptClaim(c redis.Conn, id string) error {
	n, err := redis.Int(c.Do("EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	won, err := redis.Int(claimScript.Do(c, "evt:"+id, 86400))
	if err != nil || won == 0 {
		return err
	}
	charge(id)
	return nil
}

// existsThenSetOtherKey checks one key and writes another.
func existsThenSetOtherKey(c redis.Conn, id string) error {
	n, err := redis.Int(c.Do("EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	_, err = c.Do("SET", "done:"+id, 1, "EX", 86400)
	return err
}

// lowerCaseGetSet spells the commands in lower case: same race as GET/SET.
func lowerCaseGetSet(c redis.Conn, id string) error {
	_, err := redis.String(c.Do("get", "idem:"+id))
	if err != redis.ErrNil {
		return err
	}
	charge(id)
	_, err = c.Do("set", "idem:"+id, "done", "ex", 86400) // want `GET then SET of "idem:"\+id is not atomic`
	return err
}

// lowerCaseSetNX is the lower-case claim: "nx" counts like "NX".
func lowerCaseSetNX(c redis.Conn, id string) error {
	_, err := redis.String(c.Do("get", "idem:"+id))
	if err != redis.ErrNil {
		return err
	}
	if _, err := redis.String(c.Do("set", "idem:"+id, "done", "nx", "ex", 86400)); err == redis.ErrNil {
		return nil
	}
	charge(id)
	return nil
}

// mixedCaseGetSet spells the commands in mixed case.
func mixedCaseGetSet(c redis.Conn, id string) error {
	_, err := redis.String(c.Do("Get", "idem:"+id))
	if err != redis.ErrNil {
		return err
	}
	charge(id)
	_, err = c.Do("Set", "idem:"+id, "done") // want `GET then SET of "idem:"\+id is not atomic`
	return err
}

// dynamicCommand writes with a command name that is not a constant: unknown, not reported.
func dynamicCommand(c redis.Conn, cmd, id string) error {
	n, err := redis.Int(c.Do("EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	_, err = c.Do(cmd, "evt:"+id, 1)
	return err
}

// getErrNilThenSetEX uses redis.String with errors.Is(err, redis.ErrNil).
func getErrNilThenSetEX(c redis.Conn, id string) error {
	_, err := redis.String(c.Do("GET", "idem:"+id))
	if errors.Is(err, redis.ErrNil) {
		charge(id)
		_, err = c.Do("SETEX", "idem:"+id, 86400, "done") // want `GET then SETEX of "idem:"\+id is not atomic`
	}
	return err
}

// getErrNilCacheAside fills a cache from the source of truth: not a dedup.
func getErrNilCacheAside(c redis.Conn, id string) (string, error) {
	v, err := redis.String(c.Do("GET", "user:"+id))
	if errors.Is(err, redis.ErrNil) {
		v = loadProfile(id)
		_, err = c.Do("SETEX", "user:"+id, 300, v)
	}
	return v, err
}

// sismemberThenSadd dedups through a set of processed ids.
func sismemberThenSadd(c redis.Conn, id string) error {
	seen, err := redis.Bool(c.Do("SISMEMBER", "processed", id))
	if err != nil || seen {
		return err
	}
	charge(id)
	_, err = c.Do("SADD", "processed", id) // want `SISMEMBER then SADD of .* is not atomic`
	return err
}

// saddClaim decides on SADD's reply (1 = added): atomic.
func saddClaim(c redis.Conn, id string) error {
	added, err := redis.Int(c.Do("SADD", "processed", id))
	if err != nil || added == 0 {
		return err
	}
	charge(id)
	return nil
}

// sismemberThenSaddOtherSet checks one set and adds to another.
func sismemberThenSaddOtherSet(c redis.Conn, id string) error {
	seen, err := redis.Bool(c.Do("SISMEMBER", "processed", id))
	if err != nil || seen {
		return err
	}
	charge(id)
	_, err = c.Do("SADD", "attempted", id)
	return err
}

// hgetThenHset keeps one hash per webhook source, one field per delivery.
func hgetThenHset(c redis.Conn, source, id string) error {
	_, err := redis.String(c.Do("HGET", "webhooks:"+source, id))
	if err != redis.ErrNil {
		return err
	}
	charge(id)
	_, err = c.Do("HSET", "webhooks:"+source, id, "done") // want `HGET then HSET of .* is not atomic`
	return err
}

// hsetnxClaim claims the field with HSETNX.
func hsetnxClaim(c redis.Conn, source, id string) error {
	_, err := redis.String(c.Do("HGET", "webhooks:"+source, id))
	if err != redis.ErrNil {
		return err
	}
	ok, err := redis.Bool(c.Do("HSETNX", "webhooks:"+source, id, "done"))
	if err != nil || !ok {
		return err
	}
	charge(id)
	return nil
}

// hgetThenHsetOtherHash checks one hash and writes another.
func hgetThenHsetOtherHash(c redis.Conn, source, id string) error {
	_, err := redis.String(c.Do("HGET", "webhooks:"+source, id))
	if err != redis.ErrNil {
		return err
	}
	charge(id)
	_, err = c.Do("HSET", "audit:"+source, id, "done")
	return err
}

// attemptsGetThenIncr caps retries: two deliveries both see 2 and both charge.
func attemptsGetThenIncr(c redis.Conn, id string) error {
	n, err := redis.Int(c.Do("GET", "attempts:"+id))
	if err != nil && err != redis.ErrNil {
		return err
	}
	if n >= 3 {
		return nil
	}
	charge(id)
	_, err = c.Do("INCR", "attempts:"+id) // want `GET then INCR of "attempts:"\+id is not atomic`
	return err
}

// attemptsIncrFirst decides on INCR's own reply: atomic.
func attemptsIncrFirst(c redis.Conn, id string) error {
	n, err := redis.Int(c.Do("INCR", "attempts:"+id))
	if err != nil || n > 3 {
		return err
	}
	charge(id)
	return nil
}

// counterReadModifyWrite loses updates: GET, add one, SET.
func counterReadModifyWrite(c redis.Conn, merchant string) error {
	n, err := redis.Int(c.Do("GET", "count:"+merchant))
	if err != nil && err != redis.ErrNil {
		return err
	}
	_, err = c.Do("SET", "count:"+merchant, n+1) // want `read-modify-write of "count:"\+merchant`
	return err
}

// counterReadThenIncr reads the old value for the caller, then INCRs: not derived, not gated.
func counterReadThenIncr(c redis.Conn, merchant string) (int, error) {
	n, err := redis.Int(c.Do("GET", "count:"+merchant))
	if err != nil && err != redis.ErrNil {
		return 0, err
	}
	_, err = c.Do("INCR", "count:"+merchant)
	return n, err
}

// poolConn takes its connection from a Pool.
func poolConn(pool *redis.Pool, id string) error {
	c := pool.Get()
	defer c.Close()
	n, err := redis.Int(c.Do("EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	_, err = c.Do("SET", "evt:"+id, 1, "EX", 86400) // want `EXISTS then SET of "evt:"\+id is not atomic`
	return err
}

// poolConnNX is poolConn with the NX claim.
func poolConnNX(pool *redis.Pool, id string) error {
	c := pool.Get()
	defer c.Close()
	n, err := redis.Int(c.Do("EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	if _, err := redis.String(c.Do("SET", "evt:"+id, 1, "NX", "EX", 86400)); err != nil {
		return err // redis.ErrNil: already claimed
	}
	charge(id)
	return nil
}

// twoPoolConns checks on one pooled connection and writes on another: same server.
func twoPoolConns(pool *redis.Pool, id string) error {
	rc := pool.Get()
	n, err := redis.Int(rc.Do("EXISTS", "evt:"+id))
	rc.Close()
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	wc := pool.Get()
	defer wc.Close()
	_, err = wc.Do("SET", "evt:"+id, 1, "EX", 86400) // want `EXISTS then SET of "evt:"\+id is not atomic`
	return err
}

// doContextHelper uses the package-level redis.DoContext.
func doContextHelper(ctx context.Context, c redis.Conn, id string) error {
	_, err := redis.String(redis.DoContext(c, ctx, "GET", "idem:"+id))
	if err != redis.ErrNil {
		return err
	}
	charge(id)
	_, err = redis.DoContext(c, ctx, "SET", "idem:"+id, "done", "EX", 86400) // want `GET then SET of "idem:"\+id is not atomic`
	return err
}

// doContextHelperNX is doContextHelper with the NX claim.
func doContextHelperNX(ctx context.Context, c redis.Conn, id string) error {
	_, err := redis.String(redis.DoContext(c, ctx, "GET", "idem:"+id))
	if err != redis.ErrNil {
		return err
	}
	if _, err := redis.String(redis.DoContext(c, ctx, "SET", "idem:"+id, "done", "NX", "EX", 86400)); err != nil {
		return err
	}
	charge(id)
	return nil
}

// doContextMethod uses ConnWithContext.DoContext from a pooled connection.
func doContextMethod(ctx context.Context, pool *redis.Pool, id string) error {
	conn, err := pool.GetContext(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	c := conn.(redis.ConnWithContext)
	n, err := redis.Int(c.DoContext(ctx, "EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	_, err = c.DoContext(ctx, "SET", "evt:"+id, 1, "EX", 86400) // want `EXISTS then SET of "evt:"\+id is not atomic`
	return err
}

// doContextMethodOtherKey is doContextMethod writing a different key.
func doContextMethodOtherKey(ctx context.Context, c redis.ConnWithContext, id string) error {
	n, err := redis.Int(c.DoContext(ctx, "EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	_, err = c.DoContext(ctx, "SET", "evt:"+id+":charged", 1, "EX", 86400)
	return err
}

// redsyncLocked holds a distributed lock across check and act.
func redsyncLocked(rs *redsync.Redsync, c redis.Conn, id string) error {
	mu := rs.NewMutex("lock:evt:" + id)
	if err := mu.Lock(); err != nil {
		return err
	}
	defer mu.Unlock()
	n, err := redis.Int(c.Do("EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	_, err = c.Do("SET", "evt:"+id, 1, "EX", 86400)
	return err
}

var localMu sync.Mutex

// processLocalMutex holds a sync.Mutex: it does not serialize other replicas.
func processLocalMutex(c redis.Conn, id string) error {
	localMu.Lock()
	defer localMu.Unlock()
	n, err := redis.Int(c.Do("EXISTS", "evt:"+id))
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	_, err = c.Do("SET", "evt:"+id, 1, "EX", 86400) // want `EXISTS then SET of "evt:"\+id is not atomic`
	return err
}

// Dedup wraps a pool with helper methods, the usual real-world shape.
type Dedup struct {
	pool   *redis.Pool
	prefix string
}

func (d *Dedup) seen(id string) bool {
	c := d.pool.Get()
	defer c.Close()
	n, _ := redis.Int(c.Do("EXISTS", d.prefix+id))
	return n > 0
}

func (d *Dedup) markSeen(id string) {
	c := d.pool.Get()
	defer c.Close()
	c.Do("SET", d.prefix+id, 1, "EX", 86400)
}

func (d *Dedup) claim(id string) bool {
	c := d.pool.Get()
	defer c.Close()
	_, err := redis.String(c.Do("SET", d.prefix+id, 1, "NX", "EX", 86400))
	return err == nil
}

// HandleHelpers checks and marks through helper methods.
func (d *Dedup) HandleHelpers(id string) {
	if d.seen(id) {
		return
	}
	charge(id)
	d.markSeen(id) // want `EXISTS \(in d\.seen\) then SET \(in d\.markSeen\) of d\.prefix\+id is not atomic`
}

// HandleClaim claims through a helper method.
func (d *Dedup) HandleClaim(id string) {
	if !d.claim(id) {
		return
	}
	charge(id)
}
