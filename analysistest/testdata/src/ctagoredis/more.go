package ctagoredis

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

const day = 24 * time.Hour

func work(string)             {}
func process(string) string   { return "" }
func render(id string) string { return id }
func keyFor(id string) string { return "evt:" + id }
func use(string)              {}

// clusterExistsThenSet: EXISTS then SET through a *redis.ClusterClient.
func clusterExistsThenSet(ctx context.Context, rdb *redis.ClusterClient, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// clusterSetNX: the same with a SetNX claim on the cluster client.
func clusterSetNX(ctx context.Context, rdb *redis.ClusterClient, id string) {
	if !rdb.SetNX(ctx, "evt:"+id, 1, day).Val() {
		return
	}
	work(id)
}

// universalExistsResult: Exists(...).Result() with n == 0 through a UniversalClient.
func universalExistsResult(ctx context.Context, rdb redis.UniversalClient, id string) error {
	n, err := rdb.Exists(ctx, "evt:"+id).Result()
	if err != nil {
		return err
	}
	if n == 0 {
		work(id)
		return rdb.Set(ctx, "evt:"+id, 1, day).Err() // want `EXISTS then SET of "evt:"\+id is not atomic`
	}
	return nil
}

// universalExistsResultDelKey: the same shape, but the write deletes the key (DEL is not a modeled write).
func universalExistsResultDelKey(ctx context.Context, rdb redis.UniversalClient, id string) error {
	n, err := rdb.Exists(ctx, "evt:"+id).Result()
	if err != nil {
		return err
	}
	if n == 0 {
		work(id)
		return rdb.Del(ctx, "evt:"+id).Err()
	}
	return nil
}

// cmdableGetNilEq: Get(...).Result() with err == redis.Nil gates SET of a marker.
func cmdableGetNilEq(ctx context.Context, rdb redis.Cmdable, id string) error {
	_, err := rdb.Get(ctx, "idem:"+id).Result()
	if err == redis.Nil {
		work(id)
		rdb.Set(ctx, "idem:"+id, "done", day) // want `GET then SET of "idem:"\+id is not atomic`
		return nil
	}
	return err
}

// cmdableGetNilSetNX: the same gate, but the write is a SetNX claim.
func cmdableGetNilSetNX(ctx context.Context, rdb redis.Cmdable, id string) error {
	_, err := rdb.Get(ctx, "idem:"+id).Result()
	if err == redis.Nil {
		if !rdb.SetNX(ctx, "idem:"+id, "done", day).Val() {
			return nil
		}
		work(id)
		return nil
	}
	return err
}

// getNilErrorsIsSetEx: errors.Is(err, redis.Nil) gates a SETEX.
func getNilErrorsIsSetEx(ctx context.Context, rdb *redis.Client, id string) error {
	_, err := rdb.Get(ctx, "idem:"+id).Result()
	if !errors.Is(err, redis.Nil) {
		return err
	}
	work(id)
	return rdb.SetEx(ctx, "idem:"+id, "done", day).Err() // want `GET then SETEX of "idem:"\+id is not atomic`
}

// errNotNilThenOverwrite: `if err != nil { return err }` is error handling, and the SET
// writes a value that does not derive from the read.
func errNotNilThenOverwrite(ctx context.Context, rdb *redis.Client, id string) error {
	v, err := rdb.Get(ctx, "session:"+id).Result()
	if err != nil {
		return err
	}
	use(v)
	return rdb.Set(ctx, "session:"+id, "touched", time.Hour).Err()
}

// statefulExistsThenSet: redis.StatefulCmdable (a Conn) checks then sets.
func statefulExistsThenSet(ctx context.Context, c redis.StatefulCmdable, id string) {
	c.Select(ctx, 1)
	if c.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	work(id)
	c.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// statefulSelectThenSet: SELECT of a database index is not a read of the key.
func statefulSelectThenSet(ctx context.Context, c redis.StatefulCmdable, id string) {
	if err := c.Select(ctx, 1).Err(); err != nil {
		return
	}
	work(id)
	c.Set(ctx, "evt:"+id, 1, day)
}

// connExistsThenSet: a dedicated *redis.Conn from Client.Conn.
func connExistsThenSet(ctx context.Context, rdb *redis.Client, id string) {
	c := rdb.Conn()
	defer c.Close()
	if c.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	work(id)
	c.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// connSetNX: the twin with a SetNX claim on the Conn.
func connSetNX(ctx context.Context, rdb *redis.Client, id string) {
	c := rdb.Conn()
	defer c.Close()
	if ok, err := c.SetNX(ctx, "evt:"+id, 1, day).Result(); err != nil || !ok {
		return
	}
	work(id)
}

// pipelinedSetNX: the pipelined write is a SetNX.
func pipelinedSetNX(ctx context.Context, rdb *redis.Client, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.SetNX(ctx, "evt:"+id, 1, day)
		return nil
	})
	return err
}

// watchExistsTxPipelined: WATCH key, check, MULTI/SET/EXEC is optimistic and atomic.
func watchExistsTxPipelined(ctx context.Context, rdb redis.UniversalClient, id string) error {
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

// evalClaim: a Lua script checks and sets in one step.
func evalClaim(ctx context.Context, rdb *redis.Client, id string) error {
	n, err := rdb.Eval(ctx, `if redis.call("EXISTS", KEYS[1]) == 1 then return 0 end
redis.call("SET", KEYS[1], 1, "EX", 86400) return 1`, []string{"evt:" + id}).Int()
	if err != nil || n == 0 {
		return err
	}
	work(id)
	return nil
}

var claimScript = redis.NewScript(`return redis.call("SET", KEYS[1], 1, "NX", "EX", ARGV[1])`)

// scriptRunAfterExists: a fast-path EXISTS followed by a Script.Run claim.
func scriptRunAfterExists(ctx context.Context, rdb *redis.Client, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	ok, err := claimScript.Run(ctx, rdb, []string{"evt:" + id}, 86400).Bool()
	if err != nil || !ok {
		return err
	}
	work(id)
	return nil
}

// setArgsNX: SetArgs with Mode "NX" is a claim.
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

// setArgsPlain: SetArgs without a mode is a plain SET.
func setArgsPlain(ctx context.Context, rdb *redis.Client, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	work(id)
	return rdb.SetArgs(ctx, "evt:"+id, 1, redis.SetArgs{TTL: day}).Err() // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// hgetThenHSetSameField: HGET then HSET of the same field.
func hgetThenHSetSameField(ctx context.Context, rdb *redis.Client, id string) {
	if _, err := rdb.HGet(ctx, "events", id).Result(); err != redis.Nil {
		return
	}
	work(id)
	rdb.HSet(ctx, "events", id, "done") // want `HGET then HSET of .* is not atomic`
}

// hexistsThenHSetSameField: HEXISTS then HSET of the same field.
func hexistsThenHSetSameField(ctx context.Context, rdb redis.Cmdable, id string) {
	if rdb.HExists(ctx, "events", id).Val() {
		return
	}
	work(id)
	rdb.HSet(ctx, "events", id, "done") // want `HEXISTS then HSET of .* is not atomic`
}

// hexistsThenHSetOtherField: the write goes to another field.
func hexistsThenHSetOtherField(ctx context.Context, rdb redis.Cmdable, id string) {
	if rdb.HExists(ctx, "events", id).Val() {
		return
	}
	work(id)
	rdb.HSet(ctx, "events", "last", id)
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

// sismemberThenSAddOtherMember: the SADD adds a different member.
func sismemberThenSAddOtherMember(ctx context.Context, rdb redis.UniversalClient, id, user string) {
	if rdb.SIsMember(ctx, "processed", id).Val() {
		return
	}
	work(id)
	rdb.SAdd(ctx, "processed", user)
}

// saddClaim: SADD's reply (members added) is itself the atomic claim.
func saddClaim(ctx context.Context, rdb redis.UniversalClient, id string) {
	if rdb.SAdd(ctx, "processed", id).Val() == 0 {
		return
	}
	work(id)
}

// smismemberThenSAdd: SMISMEMBER then SADD of the same member.
func smismemberThenSAdd(ctx context.Context, rdb redis.UniversalClient, id string) {
	if rdb.SMIsMember(ctx, "processed", id).Val()[0] {
		return
	}
	work(id)
	rdb.SAdd(ctx, "processed", id) // want `then SADD of .* is not atomic`
}

// earlyReturnChain: several early returns before the act.
func earlyReturnChain(ctx context.Context, rdb *redis.Client, id string) error {
	if id == "" {
		return nil
	}
	n, err := rdb.Exists(ctx, "evt:"+id).Result()
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if len(id) > 64 {
		return errors.New("bad id")
	}
	work(id)
	return rdb.Set(ctx, "evt:"+id, 1, day).Err() // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// existsOnlyForLogging: the check's result decides nothing.
func existsOnlyForLogging(ctx context.Context, rdb *redis.Client, id string) {
	n := rdb.Exists(ctx, "evt:"+id).Val()
	fmt.Println("seen before:", n)
	work(id)
	rdb.Set(ctx, "evt:"+id, 1, day)
}

// deferredClosureOtherKey: the deferred write goes to another key.
func deferredClosureOtherKey(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	defer func() {
		rdb.Set(ctx, "last:"+id, 1, day)
	}()
	work(id)
}

// goroutineSetNX: the goroutine claims with SetNX.
func goroutineSetNX(ctx context.Context, rdb *redis.Client, id string) {
	go func() {
		if !rdb.SetNX(ctx, "evt:"+id, 1, day).Val() {
			return
		}
		work(id)
	}()
}

// closureVarOtherKey: the closure writes another key.
func closureVarOtherKey(ctx context.Context, rdb *redis.Client, id string) {
	mark := func() {
		rdb.Set(ctx, "audit:"+id, 1, day)
	}
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	work(id)
	mark()
}

// sprintfVsConcat: fmt.Sprintf("evt:%s", id) and "evt:"+id build the same key.
func sprintfVsConcat(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, fmt.Sprintf("evt:%s", id)).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// sprintfOtherPrefix: the formats differ, so do the keys.
func sprintfOtherPrefix(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, fmt.Sprintf("done:%s", id)).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, "evt:"+id, 1, day)
}

// keyHelper: both keys come from keyFor(id).
func keyHelper(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, keyFor(id)).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, keyFor(id), 1, day) // want `EXISTS then SET of .* is not atomic`
}

// keyHelperVsConcat: keyFor(id) is "evt:"+id.
func keyHelperVsConcat(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, keyFor(id)).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of .* is not atomic`
}

// keyHelperOtherOperand: keyFor over a different id.
func keyHelperOtherOperand(ctx context.Context, rdb *redis.Client, id, orderID string) {
	if rdb.Exists(ctx, keyFor(id)).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, keyFor(orderID), 1, day)
}

// localVarKey: the key lives in a local variable.
func localVarKey(ctx context.Context, rdb *redis.Client, id string) {
	k := "evt:" + id
	if rdb.Exists(ctx, k).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, k, 1, day) // want `EXISTS then SET of .* is not atomic`
}

// localVarOtherKey: two local keys with different constructions.
func localVarOtherKey(ctx context.Context, rdb *redis.Client, id string) {
	k := "evt:" + id
	k2 := "evt:" + id + ":v2"
	if rdb.Exists(ctx, k).Val() > 0 {
		return
	}
	work(id)
	rdb.Set(ctx, k2, 1, day)
}

type dedup struct {
	rdb    redis.UniversalClient
	prefix string
	other  string
}

// inlineFieldKey: struct field keys s.prefix+id, check and act inline.
func (s *dedup) inlineFieldKey(ctx context.Context, id string) {
	if s.rdb.Exists(ctx, s.prefix+id).Val() > 0 {
		return
	}
	work(id)
	s.rdb.Set(ctx, s.prefix+id, 1, day) // want `EXISTS then SET of s.prefix\+id is not atomic`
}

// inlineOtherField: s.prefix+id is checked but s.other+id is written.
func (s *dedup) inlineOtherField(ctx context.Context, id string) {
	if s.rdb.Exists(ctx, s.prefix+id).Val() > 0 {
		return
	}
	work(id)
	s.rdb.Set(ctx, s.other+id, 1, day)
}

// cacheAsideSetEx: GET miss, load, SETEX that value.
func cacheAsideSetEx(ctx context.Context, rdb *redis.Client, id string) string {
	v, err := rdb.Get(ctx, "user:"+id).Result()
	if err == redis.Nil {
		v = load(id)
		rdb.SetEx(ctx, "user:"+id, v, time.Minute)
	}
	return v
}

// cacheAsideWithLPush: another Redis write between the miss and the fill.
func cacheAsideWithLPush(ctx context.Context, rdb *redis.Client, id string) string {
	v, err := rdb.Get(ctx, "user:"+id).Result()
	if err == redis.Nil {
		v = load(id)
		rdb.LPush(ctx, "jobs", id)
		rdb.Set(ctx, "user:"+id, v, time.Minute) // want `GET then SET of "user:"\+id is not atomic`
	}
	return v
}

// cacheAsideWithPublish: a publish between the miss and the fill.
func cacheAsideWithPublish(ctx context.Context, rdb redis.UniversalClient, id string) string {
	v, err := rdb.Get(ctx, "user:"+id).Result()
	if err == redis.Nil {
		v = load(id)
		rdb.Publish(ctx, "users", id)
		rdb.Set(ctx, "user:"+id, v, time.Minute) // want `GET then SET of "user:"\+id is not atomic`
	}
	return v
}

// idempotentResponseCache: cache-aside shape over a dedup key storing the response.
func idempotentResponseCache(ctx context.Context, rdb *redis.Client, id string) string {
	resp, err := rdb.Get(ctx, "idem:"+id).Result()
	if err == nil {
		return resp
	}
	resp = render(id)
	rdb.Set(ctx, "idem:"+id, resp, day) // want `GET then SET of "idem:"\+id is not atomic`
	return resp
}

// renderedCache: the same shape over a plain cache key.
func renderedCache(ctx context.Context, rdb *redis.Client, id string) string {
	resp, err := rdb.Get(ctx, "profile:"+id).Result()
	if err == nil {
		return resp
	}
	resp = render(id)
	rdb.Set(ctx, "profile:"+id, resp, day)
	return resp
}

// getSetSingleCommand: GETSET is one round trip.
func getSetSingleCommand(ctx context.Context, rdb *redis.Client, id string) {
	if _, err := rdb.GetSet(ctx, "evt:"+id, 1).Result(); err != redis.Nil {
		return
	}
	work(id)
}

// existsThenIncrOtherKey: the check gates an INCR of another key.
func existsThenIncrOtherKey(ctx context.Context, rdb *redis.Client, id, user string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	rdb.Incr(ctx, "count:"+user)
}
