// Package goredisv8 is a fixed-window rate limiter on the older
// github.com/go-redis/redis/v8 client.
package goredisv8

import (
	"context"
	"errors"
	"time"

	"github.com/go-redis/redis/v8"
)

// Limiter allows Limit calls per key per Window.
type Limiter struct {
	rdb    *redis.Client
	Limit  int
	Window time.Duration
}

// NewLimiter returns a limiter on addr.
func NewLimiter(addr string, limit int, window time.Duration) *Limiter {
	return &Limiter{rdb: redis.NewClient(&redis.Options{Addr: addr}), Limit: limit, Window: window}
}

// Allow counts one call against key.
// POSITIVE: GET rl:<key>, compare with the limit, SET the incremented count;
// concurrent callers all read the same count and all pass.
func (l *Limiter) Allow(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Get(ctx, "rl:"+key).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, err
	}
	if n >= l.Limit {
		return false, nil
	}
	if err := l.rdb.Set(ctx, "rl:"+key, n+1, l.Window).Err(); err != nil { // want checkthenact
		return false, err
	}
	return true, nil
}

const allowScript = `
local n = redis.call("INCR", KEYS[1])
if n == 1 then redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
return n <= tonumber(ARGV[1]) and 1 or 0`

// AllowEval is Allow's twin.
// NEGATIVE: the count is incremented and compared inside one Eval, atomically;
// the GET is only a fast path.
func (l *Limiter) AllowEval(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Get(ctx, "rl:"+key).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, err
	}
	if n >= l.Limit {
		return false, nil
	}
	ok, err := l.rdb.Eval(ctx, allowScript, []string{"rl:" + key}, l.Limit, l.Window.Milliseconds()).Int()
	if err != nil {
		return false, err
	}
	return ok == 1, nil
}

// AllowOnce lets the first call for key through and no other.
// NEGATIVE: Allow's twin with SetNX; the write itself is the check.
func (l *Limiter) AllowOnce(ctx context.Context, key string) (bool, error) {
	n, err := l.rdb.Get(ctx, "rl:"+key).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, err
	}
	if n >= l.Limit {
		return false, nil
	}
	return l.rdb.SetNX(ctx, "rl:"+key, n+1, l.Window).Result()
}
