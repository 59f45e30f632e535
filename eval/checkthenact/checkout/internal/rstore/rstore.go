// Package rstore wraps go-redis with small helpers.
package rstore

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// Seen reports whether an event id was already processed.
func Seen(ctx context.Context, rdb redis.Cmdable, id string) (bool, error) {
	n, err := rdb.Exists(ctx, "evt:processed:"+id).Result()
	if err != nil {
		return false, err
	}
	return n > 0, nil
}

// MarkSeen records that an event id was processed.
func MarkSeen(ctx context.Context, rdb redis.Cmdable, id string) error {
	return rdb.Set(ctx, "evt:processed:"+id, 1, 72*time.Hour).Err()
}

// Claim atomically claims an event id; false means someone else has it.
func Claim(ctx context.Context, rdb redis.Cmdable, id string) (bool, error) {
	return rdb.SetNX(ctx, "evt:processed:"+id, 1, 72*time.Hour).Result()
}

// GetJSON loads a JSON value; found is false on a miss.
func GetJSON(ctx context.Context, rdb redis.Cmdable, key string, out any) (bool, error) {
	b, err := rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal(b, out)
}

// SetJSON stores a JSON value.
func SetJSON(ctx context.Context, rdb redis.Cmdable, key string, v any, ttl time.Duration) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return rdb.Set(ctx, key, b, ttl).Err()
}

// ErrLocked is returned when the lock is held by someone else.
var ErrLocked = errors.New("rstore: locked")

var unlockScript = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`)

// WithLock runs fn only while holding "lock:"+key via SET NX.
func WithLock(ctx context.Context, rdb *redis.Client, key, token string, fn func() error) error {
	ok, err := rdb.SetNX(ctx, "lock:"+key, token, 30*time.Second).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrLocked
	}
	defer unlockScript.Run(ctx, rdb, []string{"lock:" + key}, token)
	return fn()
}
