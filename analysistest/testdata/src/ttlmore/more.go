// Package ttlmore holds more dedupttl cases: redigo SETEX and PX, go-redis v8,
// markers, constant expressions, and what is not a dedup marker.
package ttlmore

import (
	"context"
	"time"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/gomodule/redigo/redis"
	amqp "github.com/rabbitmq/amqp091-go"
	goredis "github.com/redis/go-redis/v9"
)

type Worker struct {
	rdb  *goredis.Client
	v8   *redisv8.Client
	pool *redis.Pool
	ttl  time.Duration
}

// positive: SETEX of a processed marker for an hour.
func (w *Worker) SetEx(id string) {
	conn := w.pool.Get()
	defer conn.Close()
	conn.Do("SETEX", "processed:"+id, 3600, 1) // want `dedup marker "processed:"\+id expires after 1h0m0s`
}

// negative twin: SETEX of cached data is a cache entry.
func (w *Worker) SetExCache(id string, data []byte) {
	conn := w.pool.Get()
	defer conn.Close()
	conn.Do("SETEX", "user:"+id, 60, data)
}

// positive: SET NX PX in milliseconds.
func (w *Worker) PX(id string) {
	conn := w.pool.Get()
	defer conn.Close()
	conn.Do("SET", "evt:"+id, 1, "NX", "PX", 600000) // want `dedup marker "evt:"\+id expires after 10m0s`
}

// negative twin: three days in milliseconds.
func (w *Worker) PXDays(id string) {
	conn := w.pool.Get()
	defer conn.Close()
	conn.Do("SET", "evt:"+id, 1, "NX", "PX", 259200000)
}

// positive: redigo SET NX, then EXPIRE.
func (w *Worker) RedigoExpire(id string) {
	conn := w.pool.Get()
	defer conn.Close()
	conn.Do("SET", "evt:"+id, 1, "NX")
	conn.Do("EXPIRE", "evt:"+id, 300) // want `dedup marker "evt:"\+id expires after 5m0s`
}

// positive: go-redis v8.
func (w *Worker) V8(ctx context.Context, id string) bool {
	ok, _ := w.v8.SetNX(ctx, "webhook:"+id, 1, 2*time.Hour).Result() // want `dedup marker "webhook:"\+id expires after 2h0m0s`
	return ok
}

// negative twin: go-redis v8 for three days.
func (w *Worker) V8Days(ctx context.Context, id string) bool {
	ok, _ := w.v8.SetNX(ctx, "webhook:"+id, 1, 72*time.Hour).Result()
	return ok
}

// positive: a marker written after a check, with its TTL.
func (w *Worker) CheckThenMark(ctx context.Context, id string) {
	if w.rdb.Exists(ctx, "k:"+id).Val() > 0 {
		return
	}
	w.rdb.Set(ctx, "k:"+id, 1, 6*time.Hour) // want `dedup marker "k:"\+id expires after 6h0m0s`
}

// positive: a marker whose key says dedup, without a check here.
func (w *Worker) Mark(ctx context.Context, id string) {
	w.rdb.Set(ctx, "processed:"+id, "1", 12*time.Hour) // want `expires after 12h0m0s`
}

// negative twin: a value written under a key that says nothing, never checked.
func (w *Worker) Put(ctx context.Context, id string) {
	w.rdb.Set(ctx, "k:"+id, 1, 6*time.Hour)
}

// positive: a claim on the message id, in a consumer.
func (w *Worker) Consume(ctx context.Context, d amqp.Delivery) {
	w.rdb.SetNX(ctx, d.MessageId, 1, time.Hour) // want `dedup marker d.MessageId expires after 1h0m0s`
}

// negative twin: a claim on the user, with no operation at hand: a throttle.
func (w *Worker) Throttle(ctx context.Context, userID string) {
	w.rdb.SetNX(ctx, "notify:"+userID, 1, time.Hour)
}

// positive: a constant expression in seconds.
func (w *Worker) Expr(ctx context.Context, id string) {
	w.rdb.SetNX(ctx, "evt:"+id, 1, 60*60*time.Second) // want `expires after 1h0m0s`
}

// positive: a bare integer expression.
func (w *Worker) BareExpr(ctx context.Context, id string) {
	w.rdb.SetNX(ctx, "evt:"+id, 1, 60*60*24) // want `dedup marker "evt:"\+id expires almost at once: \(60 \* 60 \* 24\) as a time.Duration is 86.4µs; did you mean \(60 \* 60 \* 24\)\*time.Second\?`
}

// negative: the TTL comes from configuration.
func (w *Worker) Configured(ctx context.Context, id string) {
	w.rdb.SetNX(ctx, "evt:"+id, 1, w.ttl)
}

// negative: a claim released by a compare-and-delete script.
func (w *Worker) Released(ctx context.Context, id string) {
	if ok, _ := w.rdb.SetNX(ctx, "evt:"+id, "token", 30*time.Second).Result(); !ok {
		return
	}
	w.rdb.Eval(ctx, `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end`, []string{"evt:" + id}, "token")
}

// negative: a lease says so.
func (w *Worker) Lease(ctx context.Context, id string) {
	w.rdb.SetNX(ctx, "lease:evt:"+id, 1, 30*time.Second)
}

// negative: EXPIRE of another key than the marker.
func (w *Worker) OtherExpire(ctx context.Context, id string) {
	w.rdb.SetNX(ctx, "evt:"+id, 1, 0)
	w.rdb.Expire(ctx, "stats:"+id, time.Minute)
}

// negative: an in-flight claim for a minute, replaced by the stored response for
// a day.
func (w *Worker) InFlight(ctx context.Context, key string, resp []byte) {
	if !w.rdb.SetNX(ctx, "idem:"+key, "in-flight", time.Minute).Val() {
		return
	}
	w.rdb.Set(ctx, "idem:"+key, resp, 24*time.Hour)
}

// positive twin: the stored response keeps the claim's TTL, so the minute counts.
func (w *Worker) InFlightKeep(ctx context.Context, key string, resp []byte) {
	if !w.rdb.SetNX(ctx, "idem:"+key, "in-flight", time.Minute).Val() { // want `dedup marker "idem:"\+key expires after 1m0s`
		return
	}
	w.rdb.Set(ctx, "idem:"+key, resp, goredis.KeepTTL)
}

// negative: redigo's in-flight claim replaced by the day-long response.
func (w *Worker) RedigoInFlight(id string, resp []byte) {
	conn := w.pool.Get()
	defer conn.Close()
	if ok, _ := redis.String(conn.Do("SET", "idem:"+id, "in-flight", "NX", "EX", 60)); ok == "" {
		return
	}
	conn.Do("SET", "idem:"+id, resp, "EX", 86400)
}

// positive twin: the response keeps the claim's minute.
func (w *Worker) RedigoInFlightKeep(id string, resp []byte) {
	conn := w.pool.Get()
	defer conn.Close()
	if ok, _ := redis.String(conn.Do("SET", "idem:"+id, "in-flight", "NX", "EX", 60)); ok == "" { // want `dedup marker "idem:"\+id expires after 1m0s`
		return
	}
	conn.Do("SET", "idem:"+id, resp, "KEEPTTL")
}

// negative: per-driver state checked and set is not the marker of an event.
func (w *Worker) Shift(ctx context.Context, driverID string) {
	if w.rdb.Exists(ctx, "driver:shift:"+driverID).Val() > 0 {
		return
	}
	w.rdb.Set(ctx, "driver:shift:"+driverID, time.Now().Unix(), 12*time.Hour)
}

// negative: a status kept per order is state.
func (w *Worker) Status(ctx context.Context, orderID string) {
	if w.rdb.Get(ctx, "order:status:"+orderID).Val() == "" {
		w.rdb.Set(ctx, "order:status:"+orderID, "accepted", 2*time.Hour)
	}
}

type seed struct{ Key string }

// negative: a slice named like tasks is no operation id at hand.
func (w *Worker) Seed(ctx context.Context, taskData []*seed) {
	for _, d := range taskData {
		w.rdb.SetNX(ctx, d.Key, 1, time.Minute)
	}
}
