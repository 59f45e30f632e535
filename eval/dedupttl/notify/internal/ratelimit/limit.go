// Package ratelimit keeps notification volume per user within bounds.
package ratelimit

import (
	"context"
	"strconv"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	"github.com/redis/go-redis/v9"
)

// PerUser allows Max pushes per user per window.
type PerUser struct {
	RDB redis.Cmdable
	Max int64
}

// Allow counts one push.
func (l *PerUser) Allow(ctx context.Context, userID string) (bool, error) {
	window := time.Now().Unix() / 60
	key := "rl:push:" + userID + ":" + strconv.FormatInt(window, 10)
	n, err := l.RDB.Incr(ctx, key).Result()
	if err != nil {
		return false, err
	}
	if n == 1 {
		l.RDB.Expire(ctx, key, time.Minute)
	}
	return n <= l.Max, nil
}

// AllowHourly is the hourly cap, set atomically.
func (l *PerUser) AllowHourly(ctx context.Context, userID string) (bool, error) {
	key := "rl:push:h:" + userID
	var n *redis.IntCmd
	_, err := l.RDB.TxPipelined(ctx, func(p redis.Pipeliner) error {
		n = p.Incr(ctx, key)
		p.ExpireNX(ctx, key, time.Hour)
		return nil
	})
	if err != nil {
		return false, err
	}
	return n.Val() <= l.Max*20, nil
}

// Cooldown blocks a second SMS to the same number within the window (no counter).
func (l *PerUser) Cooldown(ctx context.Context, phone string) (bool, error) {
	return l.RDB.SetNX(ctx, "rl:sms:cooldown:"+phone, 1, 30*time.Second).Result() // AMBIG: dedupttl
}

// LegacySMS is the per-number SMS limiter of the old gateway.
type LegacySMS struct {
	Pool *redigo.Pool
}

// Allow counts one SMS to phone in the current 10-minute window.
func (l *LegacySMS) Allow(phone string) (bool, error) {
	conn := l.Pool.Get()
	defer conn.Close()
	key := "rl:sms:" + phone
	n, err := redigo.Int(conn.Do("INCR", key))
	if err != nil {
		return false, err
	}
	if n == 1 {
		_, _ = conn.Do("EXPIRE", key, 600)
	}
	return n <= 5, nil
}
