// Package ratelimit implements per-client request limits in Redis.
package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrLimited is returned when the caller is over its limit.
var ErrLimited = errors.New("rate limited")

// Limiter is a fixed-window limiter.
type Limiter struct {
	rdb    *redis.Client
	limit  int64
	window time.Duration
}

func New(rdb *redis.Client, limit int64, window time.Duration) *Limiter {
	return &Limiter{rdb: rdb, limit: limit, window: window}
}

func (l *Limiter) windowKey(client string) string {
	return fmt.Sprintf("rl:%s:%d", client, time.Now().Unix()/int64(l.window.Seconds()))
}

// AllowNaive reads the counter, compares and increments: two requests at
// limit-1 both pass.
func (l *Limiter) AllowNaive(ctx context.Context, client string) error {
	key := l.windowKey(client)
	n, err := l.rdb.Get(ctx, key).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n >= l.limit {
		return ErrLimited
	}
	if err := l.rdb.Incr(ctx, key).Err(); err != nil { // BUG: checkthenact
		return err
	}
	l.rdb.Expire(ctx, key, l.window)
	return nil
}

// Allow increments first and decides on the returned value.
func (l *Limiter) Allow(ctx context.Context, client string) error {
	key := l.windowKey(client)
	n, err := l.rdb.Incr(ctx, key).Result()
	if err != nil {
		return err
	}
	if n == 1 {
		l.rdb.Expire(ctx, key, l.window)
	}
	if n > l.limit {
		return ErrLimited
	}
	return nil
}

var slidingWindow = redis.NewScript(`
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, 0, now - window)
local count = redis.call('ZCARD', key)
if count >= limit then return 0 end
redis.call('ZADD', key, now, now)
redis.call('PEXPIRE', key, window)
return 1
`)

// AllowSliding runs the check and the insert inside one Lua script.
func (l *Limiter) AllowSliding(ctx context.Context, client string) error {
	now := time.Now().UnixMilli()
	ok, err := slidingWindow.Run(ctx, l.rdb, []string{"rl:sliding:" + client},
		now, l.window.Milliseconds(), l.limit).Int()
	if err != nil {
		return err
	}
	if ok == 0 {
		return ErrLimited
	}
	return nil
}

// Bucket is a token bucket persisted as "tokens:lastRefillUnixMilli".
type Bucket struct {
	rdb      *redis.Client
	capacity float64
	perSec   float64
}

func NewBucket(rdb *redis.Client, capacity, perSec float64) *Bucket {
	return &Bucket{rdb: rdb, capacity: capacity, perSec: perSec}
}

func bucketKey(client string) string { return "tb:" + client }

func parseBucket(s string) (float64, int64) {
	var tokens float64
	var last int64
	_, _ = fmt.Sscanf(s, "%g:%d", &tokens, &last)
	return tokens, last
}

// Take reads the bucket, refills, takes one token and writes it back.
func (b *Bucket) Take(ctx context.Context, client string) error {
	now := time.Now().UnixMilli()
	raw, err := b.rdb.Get(ctx, bucketKey(client)).Result()
	tokens, last := b.capacity, now
	if err == nil {
		tokens, last = parseBucket(raw)
	} else if !errors.Is(err, redis.Nil) {
		return err
	}
	tokens = min(b.capacity, tokens+float64(now-last)/1000*b.perSec)
	if tokens < 1 {
		return ErrLimited
	}
	tokens--
	return b.rdb.Set(ctx, bucketKey(client), strconv.FormatFloat(tokens, 'f', 3, 64)+":"+strconv.FormatInt(now, 10), time.Hour).Err() // BUG: checkthenact
}

// TakeWatched does the same read-modify-write under WATCH/MULTI.
func (b *Bucket) TakeWatched(ctx context.Context, client string) error {
	key := bucketKey(client)
	return b.rdb.Watch(ctx, func(tx *redis.Tx) error {
		now := time.Now().UnixMilli()
		raw, err := tx.Get(ctx, key).Result()
		tokens, last := b.capacity, now
		if err == nil {
			tokens, last = parseBucket(raw)
		} else if !errors.Is(err, redis.Nil) {
			return err
		}
		tokens = min(b.capacity, tokens+float64(now-last)/1000*b.perSec)
		if tokens < 1 {
			return ErrLimited
		}
		tokens--
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, fmt.Sprintf("%g:%d", tokens, now), time.Hour)
			return nil
		})
		return err
	}, key)
}

// Penalise reads the strike count and blocks the client under a different key.
func (l *Limiter) Penalise(ctx context.Context, client string) error {
	strikes, err := l.rdb.Get(ctx, "rl:strikes:"+client).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if strikes >= 3 {
		return l.rdb.Set(ctx, "rl:blocked:"+client, 1, 15*time.Minute).Err()
	}
	return nil
}

// Quota returns the monthly quota; misses are loaded from the plan table.
func (l *Limiter) Quota(ctx context.Context, client string, loadPlan func(context.Context, string) (int64, error)) (int64, error) {
	key := "rl:quota:" + client
	q, err := l.rdb.Get(ctx, key).Int64()
	if err == nil {
		return q, nil
	}
	if !errors.Is(err, redis.Nil) {
		return 0, err
	}
	q, err = loadPlan(ctx, client)
	if err != nil {
		return 0, err
	}
	l.rdb.Set(ctx, key, q, 30*time.Minute)
	return q, nil
}
