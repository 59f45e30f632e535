// Package ratelimit has the API rate limiters.
package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Fixed is a fixed-window counter: INCR, and EXPIRE when the window opens.
type Fixed struct {
	rdb    redis.UniversalClient
	limit  int64
	window time.Duration
}

// NewFixed returns a Fixed limiter.
func NewFixed(rdb redis.UniversalClient, limit int64, window time.Duration) *Fixed {
	return &Fixed{rdb: rdb, limit: limit, window: window}
}

func (f *Fixed) key(subject string, now time.Time) string {
	return fmt.Sprintf("rl:%s:%d", subject, now.Unix()/int64(f.window/time.Second))
}

// Allow counts one request of subject.
func (f *Fixed) Allow(ctx context.Context, subject string) (bool, error) {
	k := f.key(subject, time.Now())
	n, err := f.rdb.Incr(ctx, k).Result()
	if err != nil {
		return false, err
	}
	if n == 1 {
		f.rdb.Expire(ctx, k, f.window)
	}
	return n <= f.limit, nil
}

// AllowPipelined does INCR and EXPIRE NX in one MULTI so a crash cannot leave a key without TTL.
func (f *Fixed) AllowPipelined(ctx context.Context, subject string) (bool, error) {
	k := f.key(subject, time.Now())
	var incr *redis.IntCmd
	_, err := f.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		incr = p.Incr(ctx, k)
		p.ExpireNX(ctx, k, f.window)
		return nil
	})
	if err != nil {
		return false, err
	}
	return incr.Val() <= f.limit, nil
}

var slidingScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call("ZREMRANGEBYSCORE", KEYS[1], 0, now - window)
if redis.call("ZCARD", KEYS[1]) >= limit then return 0 end
redis.call("ZADD", KEYS[1], now, ARGV[4])
redis.call("PEXPIRE", KEYS[1], window)
return 1`)

// Sliding is a sliding-window log limiter, all in one script.
type Sliding struct {
	rdb    redis.Scripter
	limit  int
	window time.Duration
}

// NewSliding returns a Sliding limiter.
func NewSliding(rdb redis.Scripter, limit int, window time.Duration) *Sliding {
	return &Sliding{rdb: rdb, limit: limit, window: window}
}

// Allow records one request id for subject if under the limit.
func (s *Sliding) Allow(ctx context.Context, subject, requestID string) (bool, error) {
	now := time.Now().UnixMilli()
	n, err := slidingScript.Run(ctx, s.rdb, []string{"rls:" + subject}, now, s.window.Milliseconds(), s.limit, requestID).Int()
	return n == 1, err
}

// ErrQuotaExceeded is returned when a tenant is over its monthly quota.
var ErrQuotaExceeded = errors.New("ratelimit: quota exceeded")

// Quota tracks monthly API units per tenant in a hash (field = month).
type Quota struct {
	rdb   *redis.Client
	limit int64
}

// NewQuota returns a Quota.
func NewQuota(rdb *redis.Client, limit int64) *Quota { return &Quota{rdb: rdb, limit: limit} }

// Charge spends units; the check and the increment are two round trips.
func (q *Quota) Charge(ctx context.Context, tenant string, units int64) error {
	month := time.Now().UTC().Format("2006-01")
	used, err := q.rdb.HGet(ctx, "usage:"+tenant, month).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if used+units > q.limit {
		return ErrQuotaExceeded
	}
	return q.rdb.HIncrBy(ctx, "usage:"+tenant, month, units).Err() // BUG: checkthenact
}

// ChargeAtomic increments first and gives the units back when that overshoots.
func (q *Quota) ChargeAtomic(ctx context.Context, tenant string, units int64) error {
	month := time.Now().UTC().Format("2006-01")
	used, err := q.rdb.HIncrBy(ctx, "usage:"+tenant, month, units).Result()
	if err != nil {
		return err
	}
	if used > q.limit {
		q.rdb.HIncrBy(ctx, "usage:"+tenant, month, -units)
		return ErrQuotaExceeded
	}
	return nil
}

// Remaining reports what is left this month (read-only, for the dashboard).
func (q *Quota) Remaining(ctx context.Context, tenant string) (int64, error) {
	month := time.Now().UTC().Format("2006-01")
	s, err := q.rdb.HGet(ctx, "usage:"+tenant, month).Result()
	if errors.Is(err, redis.Nil) {
		return q.limit, nil
	}
	if err != nil {
		return 0, err
	}
	used, err := strconv.ParseInt(s, 10, 64)
	return q.limit - used, err
}

// TokenBucket refills lazily; state is {tokens, ts} in a hash, updated under WATCH.
type TokenBucket struct {
	rdb      *redis.Client
	capacity float64
	perSec   float64
}

// NewTokenBucket returns a TokenBucket.
func NewTokenBucket(rdb *redis.Client, capacity, perSec float64) *TokenBucket {
	return &TokenBucket{rdb: rdb, capacity: capacity, perSec: perSec}
}

// Take removes one token if available, retrying on WATCH conflicts.
func (b *TokenBucket) Take(ctx context.Context, subject string) (bool, error) {
	k := "tb:" + subject
	for range 5 {
		var allowed bool
		err := b.rdb.Watch(ctx, func(tx *redis.Tx) error {
			vals, err := tx.HMGet(ctx, k, "tokens", "ts").Result()
			if err != nil {
				return err
			}
			tokens, ts := b.capacity, float64(time.Now().UnixMilli())
			if s, ok := vals[0].(string); ok {
				tokens, _ = strconv.ParseFloat(s, 64)
			}
			if s, ok := vals[1].(string); ok {
				ts, _ = strconv.ParseFloat(s, 64)
			}
			now := float64(time.Now().UnixMilli())
			tokens = min(b.capacity, tokens+(now-ts)/1000*b.perSec)
			allowed = tokens >= 1
			if allowed {
				tokens--
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.HSet(ctx, k, "tokens", tokens, "ts", now)
				p.Expire(ctx, k, time.Hour)
				return nil
			})
			return err
		}, k)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		return allowed, err
	}
	return false, errors.New("ratelimit: too much contention")
}
