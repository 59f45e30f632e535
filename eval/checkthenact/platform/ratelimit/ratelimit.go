// Package ratelimit limits API calls per client.
package ratelimit

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

type Limiter struct {
	rdb   redis.Cmdable
	limit int64
	win   time.Duration
}

func New(rdb redis.Cmdable, limit int64, win time.Duration) *Limiter {
	return &Limiter{rdb: rdb, limit: limit, win: win}
}

func (l *Limiter) key(client string) string {
	return fmt.Sprintf("rl:%s:%d", client, time.Now().Unix()/int64(l.win.Seconds()))
}

// AllowNaive reads the counter, compares, then increments.
func (l *Limiter) AllowNaive(ctx context.Context, client string) (bool, error) {
	k := l.key(client)
	cur, err := l.rdb.Get(ctx, k).Int64()
	if err != nil && err != redis.Nil {
		return false, err
	}
	if cur >= l.limit {
		return false, nil
	}
	l.rdb.Incr(ctx, k) // BUG: checkthenact
	l.rdb.Expire(ctx, k, l.win)
	return true, nil
}

// Allow increments first and compares the result.
func (l *Limiter) Allow(ctx context.Context, client string) (bool, error) {
	k := l.key(client)
	n, err := l.rdb.Incr(ctx, k).Result()
	if err != nil {
		return false, err
	}
	if n == 1 {
		l.rdb.Expire(ctx, k, l.win)
	}
	return n <= l.limit, nil
}

// AllowPipelined increments and sets the TTL in one MULTI.
func (l *Limiter) AllowPipelined(ctx context.Context, client string) (bool, error) {
	k := l.key(client)
	var incr *redis.IntCmd
	_, err := l.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		incr = pipe.Incr(ctx, k)
		pipe.Expire(ctx, k, l.win)
		return nil
	})
	if err != nil {
		return false, err
	}
	return incr.Val() <= l.limit, nil
}

var tokenBucket = redis.NewScript(`
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens') or ARGV[1])
local ts = tonumber(redis.call('HGET', KEYS[1], 'ts') or ARGV[3])
local refill = math.floor((tonumber(ARGV[3]) - ts) * tonumber(ARGV[2]))
tokens = math.min(tonumber(ARGV[1]), tokens + refill)
if tokens < 1 then return 0 end
redis.call('HSET', KEYS[1], 'tokens', tokens - 1, 'ts', ARGV[3])
redis.call('EXPIRE', KEYS[1], 3600)
return 1
`)

// AllowBucket is a token bucket in Lua.
func (l *Limiter) AllowBucket(ctx context.Context, client string) (bool, error) {
	n, err := tokenBucket.Run(ctx, l.rdb, []string{"tb:" + client}, l.limit, 1, time.Now().Unix()).Int()
	return n == 1, err
}

// BucketFromGo is the same bucket with the arithmetic in Go: HGET the tokens,
// compute, HSET them back.
func (l *Limiter) BucketFromGo(ctx context.Context, client string) (bool, error) {
	k := "tb:" + client
	tokens, err := l.rdb.HGet(ctx, k, "tokens").Int64()
	if err == redis.Nil {
		tokens = l.limit
	} else if err != nil {
		return false, err
	}
	if tokens < 1 {
		return false, nil
	}
	l.rdb.HSet(ctx, k, "tokens", tokens-1) // BUG: checkthenact
	return true, nil
}

// Middleware applies Allow to every request.
func (l *Limiter) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, err := l.Allow(r.Context(), r.Header.Get("X-Api-Key"))
		if err == nil && !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(l.win.Seconds())))
			http.Error(w, "rate limited", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
