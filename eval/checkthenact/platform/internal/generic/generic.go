// Package generic has small generic helpers over Redis and sync.Map.
package generic

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Once runs fn at most once per key (it is meant to).
func Once[T any](ctx context.Context, rdb *redis.Client, key string, fn func(context.Context) (T, error)) (T, bool, error) {
	var zero T
	marker := "once:" + key
	n, err := rdb.Exists(ctx, marker).Result()
	if err != nil {
		return zero, false, err
	}
	if n > 0 {
		return zero, false, nil
	}
	v, err := fn(ctx)
	if err != nil {
		return zero, false, err
	}
	rdb.Set(ctx, marker, "1", 24*time.Hour) // BUG: checkthenact
	return v, true, nil
}

// OnceNX is Once with a claim.
func OnceNX[T any](ctx context.Context, rdb *redis.Client, key string, fn func(context.Context) (T, error)) (T, bool, error) {
	var zero T
	marker := "once:" + key
	ok, err := rdb.SetNX(ctx, marker, "1", 24*time.Hour).Result()
	if err != nil || !ok {
		return zero, false, err
	}
	v, err := fn(ctx)
	if err != nil {
		rdb.Del(ctx, marker)
		return zero, false, err
	}
	return v, true, nil
}

// GetOrLoad is read-through caching of any JSON-encodable value.
func GetOrLoad[T any](ctx context.Context, rdb redis.Cmdable, key string, ttl time.Duration, load func(context.Context) (T, error)) (T, error) {
	var v T
	raw, err := rdb.Get(ctx, key).Bytes()
	if err == nil && json.Unmarshal(raw, &v) == nil {
		return v, nil
	}
	if err != nil && !errors.Is(err, redis.Nil) {
		return load(ctx)
	}
	v, err = load(ctx)
	if err != nil {
		return v, err
	}
	if b, err := json.Marshal(v); err == nil {
		rdb.Set(ctx, key, b, ttl)
	}
	return v, nil
}

// Deduper is an in-process set of keys already handled.
type Deduper[K comparable] struct {
	seen sync.Map
}

// First reports whether k is seen for the first time.
func (d *Deduper[K]) First(k K) bool {
	_, loaded := d.seen.LoadOrStore(k, struct{}{})
	return !loaded
}

// Tally counts occurrences per key.
type Tally[K comparable] struct {
	counts sync.Map
}

// Add increments the count of k.
func (t *Tally[K]) Add(k K) int {
	n := 0
	if v, ok := t.counts.Load(k); ok {
		n = v.(int)
	}
	t.counts.Store(k, n+1) // BUG: checkthenact
	return n + 1
}

// AddCAS increments with compare-and-swap.
func (t *Tally[K]) AddCAS(k K) int {
	for {
		v, loaded := t.counts.LoadOrStore(k, 1)
		if !loaded {
			return 1
		}
		n := v.(int)
		if t.counts.CompareAndSwap(k, n, n+1) {
			return n + 1
		}
	}
}
