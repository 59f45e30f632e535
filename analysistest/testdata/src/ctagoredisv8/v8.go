// Package ctagoredisv8 holds checkthenact cases for go-redis v8
// (github.com/go-redis/redis/v8): twins of the main v9 shapes.
package ctagoredisv8

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-redis/redis/v8"
)

const day = 24 * time.Hour

func work(string)             {}
func load(id string) string   { return id }
func keyFor(id string) string { return "evt:" + id }

// existsThenSet: EXISTS, act, SET.
func existsThenSet(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// setNXClaim: the SetNX fix.
func setNXClaim(ctx context.Context, rdb *redis.Client, id string) {
	ok, err := rdb.SetNX(ctx, "evt:"+id, 1, day).Result()
	if err != nil || !ok {
		return
	}
	work(id)
}

// differentKey: checks one key, writes another.
func differentKey(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, "done:"+id, 1, day)
}

// universalExistsResult: Exists(...).Result() with n == 0 through a UniversalClient.
func universalExistsResult(ctx context.Context, rdb redis.UniversalClient, id string) error {
	n, err := rdb.Exists(ctx, "evt:"+id).Result()
	if err != nil {
		return err
	}
	if n == 0 {
		work(id)
		return rdb.SetEX(ctx, "evt:"+id, 1, day).Err() // want `EXISTS then SETEX of "evt:"\+id is not atomic`
	}
	return nil
}

// clusterGetNil: errors.Is(err, redis.Nil) on a ClusterClient.
func clusterGetNil(ctx context.Context, rdb *redis.ClusterClient, id string) error {
	_, err := rdb.Get(ctx, fmt.Sprintf("idem:%s", id)).Result()
	if errors.Is(err, redis.Nil) {
		work(id)
		return rdb.Set(ctx, "idem:"+id, "done", day).Err() // want `GET then SET of "idem:"\+id is not atomic`
	}
	return err
}

// clusterGetNilSetNX: the same gate, claim with SetNX.
func clusterGetNilSetNX(ctx context.Context, rdb *redis.ClusterClient, id string) error {
	_, err := rdb.Get(ctx, "idem:"+id).Result()
	if errors.Is(err, redis.Nil) {
		if !rdb.SetNX(ctx, "idem:"+id, "done", day).Val() {
			return nil
		}
		work(id)
		return nil
	}
	return err
}

// cacheAside: GET miss, load, SET that value.
func cacheAside(ctx context.Context, rdb redis.Cmdable, id string) string {
	v, err := rdb.Get(ctx, "user:"+id).Result()
	if err == redis.Nil {
		v = load(id)
		rdb.Set(ctx, "user:"+id, v, time.Minute)
	}
	return v
}

// cacheAsideWithPublish: a side effect between miss and fill.
func cacheAsideWithPublish(ctx context.Context, rdb redis.Cmdable, id string) string {
	v, err := rdb.Get(ctx, "user:"+id).Result()
	if err == redis.Nil {
		v = load(id)
		rdb.Publish(ctx, "users", id)
		rdb.Set(ctx, "user:"+id, v, time.Minute) // want `GET then SET of "user:"\+id is not atomic`
	}
	return v
}

// counter: a read-modify-write.
func counter(ctx context.Context, rdb redis.Cmdable, id string) {
	n, _ := rdb.Get(ctx, "count:"+id).Int()
	rdb.Set(ctx, "count:"+id, n+1, 0) // want `read-modify-write of "count:"\+id`
}

// incr: atomic increment.
func incr(ctx context.Context, rdb redis.Cmdable, id string) {
	rdb.Incr(ctx, "count:"+id)
}

// setArgsPlain: SetArgs without a mode.
func setArgsPlain(ctx context.Context, rdb *redis.Client, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	work(id)
	return rdb.SetArgs(ctx, "evt:"+id, 1, redis.SetArgs{TTL: day}).Err() // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// setArgsNX: SetArgs with Mode NX.
func setArgsNX(ctx context.Context, rdb *redis.Client, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	if err := rdb.SetArgs(ctx, "evt:"+id, 1, redis.SetArgs{Mode: "NX", TTL: day}).Err(); err != nil {
		return err
	}
	work(id)
	return nil
}

// hexistsThenHSet: HEXISTS then HSET of the same field.
func hexistsThenHSet(ctx context.Context, rdb redis.Cmdable, id string) {
	if rdb.HExists(ctx, "events", id).Val() {
		return
	}
	work(id)
	rdb.HSet(ctx, "events", id, "done") // want `HEXISTS then HSET of .* is not atomic`
}

// hexistsThenHSetNX: HSETNX claims the field.
func hexistsThenHSetNX(ctx context.Context, rdb redis.Cmdable, id string) {
	if rdb.HExists(ctx, "events", id).Val() {
		return
	}
	if !rdb.HSetNX(ctx, "events", id, "done").Val() {
		return
	}
	work(id)
}

// sismemberThenSAdd: SISMEMBER then SADD of the same member.
func sismemberThenSAdd(ctx context.Context, rdb redis.UniversalClient, id string) {
	if rdb.SIsMember(ctx, "processed", id).Val() {
		return
	}
	work(id)
	rdb.SAdd(ctx, "processed", id) // want `SISMEMBER then SADD of .* is not atomic`
}

// sismemberThenSAddOther: SADD of another member.
func sismemberThenSAddOther(ctx context.Context, rdb redis.UniversalClient, id, user string) {
	if rdb.SIsMember(ctx, "processed", id).Val() {
		return
	}
	work(id)
	rdb.SAdd(ctx, "processed", user)
}

// watchTxPipelined: WATCH + MULTI/EXEC.
func watchTxPipelined(ctx context.Context, rdb *redis.Client, id string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		if tx.Exists(ctx, "evt:"+id).Val() > 0 {
			return nil
		}
		_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, "evt:"+id, 1, day)
			return nil
		})
		return err
	}, "evt:"+id)
}

var claimScript = redis.NewScript(`return redis.call("SET", KEYS[1], 1, "NX", "EX", ARGV[1])`)

// scriptRun: a Lua claim.
func scriptRun(ctx context.Context, rdb *redis.Client, id string) error {
	ok, err := claimScript.Run(ctx, rdb, []string{"evt:" + id}, 86400).Bool()
	if err != nil || !ok {
		return err
	}
	work(id)
	return nil
}

// evalAfterExists: a fast-path EXISTS, then an Eval claim.
func evalAfterExists(ctx context.Context, rdb redis.UniversalClient, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	n, err := rdb.Eval(ctx, `return redis.call("SET", KEYS[1], 1, "NX")`, []string{"evt:" + id}).Int()
	if err != nil || n == 0 {
		return err
	}
	work(id)
	return nil
}

// connKeyHelper: a *redis.Conn with keys from a helper.
func connKeyHelper(ctx context.Context, rdb *redis.Client, id string) {
	c := rdb.Conn(ctx)
	defer c.Close()
	if c.Exists(ctx, keyFor(id)).Val() > 0 {
		return
	}
	work(id)
	c.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of .* is not atomic`
}

type Store struct {
	rdb    redis.UniversalClient
	prefix string
}

func (s *Store) seen(ctx context.Context, id string) bool {
	return s.rdb.Exists(ctx, s.prefix+id).Val() > 0
}

func (s *Store) markSeen(ctx context.Context, id string) {
	s.rdb.Set(ctx, s.prefix+id, 1, day)
}

func (s *Store) claim(ctx context.Context, id string) bool {
	return s.rdb.SetNX(ctx, s.prefix+id, 1, day).Val()
}

// handle: seen/markSeen helper methods.
func (s *Store) handle(ctx context.Context, id string) {
	if s.seen(ctx, id) {
		return
	}
	work(id)
	s.markSeen(ctx, id) // want `EXISTS \(in s.seen\) then SET \(in s.markSeen\) of s.prefix\+id is not atomic`
}

// handleClaim: the claim helper.
func (s *Store) handleClaim(ctx context.Context, id string) {
	if !s.claim(ctx, id) {
		return
	}
	work(id)
}
