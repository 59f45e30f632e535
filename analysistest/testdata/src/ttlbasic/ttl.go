// Package ttlbasic holds dedupttl cases on go-redis and redigo.
package ttlbasic

import (
	"context"
	"time"

	"github.com/gomodule/redigo/redis"
	goredis "github.com/redis/go-redis/v9"
)

type Consumer struct {
	rdb  *goredis.Client
	pool *redis.Pool
}

const dedupTTL = 10 * time.Minute

const dedupDay = 24 * time.Hour

const bareTTL = 3600

// positive: a claim that expires after ten minutes.
func (c *Consumer) Claim(ctx context.Context, id string) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, 10*time.Minute).Result() // want `dedup marker "evt:"\+id expires after 10m0s, before a late redelivery \(queues and webhook providers retry for hours to days\); keep it at least 24h`
	return ok
}

// negative twin: a day.
func (c *Consumer) ClaimDay(ctx context.Context, id string) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, 24*time.Hour).Result()
	return ok
}

// positive: a named constant.
func (c *Consumer) ClaimNamed(ctx context.Context, id string) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, dedupTTL).Result() // want `expires after 10m0s`
	return ok
}

// negative twin: a named constant of a day.
func (c *Consumer) ClaimNamedDay(ctx context.Context, id string) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, dedupDay).Result()
	return ok
}

// positive: a bare integer as a time.Duration.
func (c *Consumer) ClaimSeconds(ctx context.Context, id string) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, 86400).Result() // want `dedup marker "evt:"\+id expires almost at once: 86400 as a time.Duration is 86.4µs; did you mean 86400\*time.Second\?`
	return ok
}

// positive: a bare named integer.
func (c *Consumer) ClaimBareNamed(ctx context.Context, id string) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, bareTTL).Result() // want `bareTTL as a time.Duration is 3.6µs; did you mean bareTTL\*time.Second\?`
	return ok
}

// negative twin: the unit is there.
func (c *Consumer) ClaimSecondsUnit(ctx context.Context, id string) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, 86400*time.Second).Result()
	return ok
}

// negative: no expiry.
func (c *Consumer) ClaimForever(ctx context.Context, id string) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, 0).Result()
	return ok
}

// negative: the TTL is configuration.
func (c *Consumer) ClaimConfigured(ctx context.Context, id string, ttl time.Duration) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, ttl).Result()
	return ok
}

// positive: SetArgs with NX and a short TTL.
func (c *Consumer) ClaimArgs(ctx context.Context, id string) error {
	return c.rdb.SetArgs(ctx, "processed:"+id, 1, goredis.SetArgs{Mode: "NX", TTL: time.Hour}).Err() // want `dedup marker "processed:"\+id expires after 1h0m0s`
}

// negative twin: SetArgs without NX is a cache write.
func (c *Consumer) CacheArgs(ctx context.Context, id string, v string) error {
	return c.rdb.SetArgs(ctx, "user:"+id, v, goredis.SetArgs{TTL: time.Hour}).Err()
}

// positive: a marker after a check, then EXPIRE.
func (c *Consumer) Mark(ctx context.Context, id string) {
	key := "seen:" + id
	if c.rdb.Exists(ctx, key).Val() > 0 {
		return
	}
	c.rdb.Set(ctx, key, 1, 0)
	c.rdb.Expire(ctx, key, 30*time.Minute) // want `dedup marker "seen:"\+id expires after 30m0s`
}

// negative: a lock released on the same path.
func (c *Consumer) Lock(ctx context.Context, id string) {
	key := "evt:" + id
	if ok, _ := c.rdb.SetNX(ctx, key, 1, 30*time.Second).Result(); !ok {
		return
	}
	defer c.rdb.Del(ctx, key)
}

// negative: a rate limit.
func (c *Consumer) Limit(ctx context.Context, userID string) {
	key := "ratelimit:" + userID
	c.rdb.Incr(ctx, key)
	c.rdb.Expire(ctx, key, time.Minute)
}

// negative: a cooldown claim.
func (c *Consumer) Cooldown(ctx context.Context, userID string) bool {
	ok, _ := c.rdb.SetNX(ctx, "cooldown:"+userID, 1, time.Minute).Result()
	return ok
}

// negative: cache-aside.
func (c *Consumer) Cached(ctx context.Context, id string) string {
	v, err := c.rdb.Get(ctx, "user:"+id).Result()
	if err == goredis.Nil {
		v = load(id)
		c.rdb.Set(ctx, "user:"+id, v, time.Minute)
	}
	return v
}

// positive: redigo SET NX EX with seconds.
func (c *Consumer) Redigo(id string) {
	conn := c.pool.Get()
	defer conn.Close()
	conn.Do("SET", "evt:"+id, 1, "NX", "EX", 600) // want `dedup marker "evt:"\+id expires after 10m0s`
}

// negative twin: a day of seconds.
func (c *Consumer) RedigoDay(id string) {
	conn := c.pool.Get()
	defer conn.Close()
	conn.Do("SET", "evt:"+id, 1, "NX", "EX", 86400)
}
func load(string) string { return "" }
