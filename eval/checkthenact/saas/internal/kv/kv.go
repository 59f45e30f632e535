// Package kv holds small typed helpers over go-redis.
package kv

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrMiss is returned when a key does not exist.
var ErrMiss = errors.New("kv: miss")

// GetJSON decodes the value at key into dst; ErrMiss when the key is absent.
func GetJSON[T any](ctx context.Context, rdb redis.Cmdable, key string, dst *T) error {
	b, err := rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return ErrMiss
	}
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}

// SetJSON stores v as JSON with a TTL (0 = no expiry).
func SetJSON[T any](ctx context.Context, rdb redis.Cmdable, key string, v T, ttl time.Duration) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return rdb.Set(ctx, key, b, ttl).Err()
}

// GetInt returns the integer at key, 0 when absent.
func GetInt(ctx context.Context, rdb redis.Cmdable, key string) (int64, error) {
	n, err := rdb.Get(ctx, key).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	return n, err
}

// SetInt stores an integer.
func SetInt(ctx context.Context, rdb redis.Cmdable, key string, n int64, ttl time.Duration) error {
	return rdb.Set(ctx, key, n, ttl).Err()
}

// GetOrLoad is cache-aside: on a miss it calls load and caches the result for ttl.
func GetOrLoad[T any](ctx context.Context, rdb redis.Cmdable, key string, ttl time.Duration, load func(context.Context) (T, error)) (T, error) {
	var v T
	err := GetJSON(ctx, rdb, key, &v)
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, ErrMiss) {
		return v, err
	}
	v, err = load(ctx)
	if err != nil {
		return v, err
	}
	_ = SetJSON(ctx, rdb, key, v, ttl)
	return v, nil
}
