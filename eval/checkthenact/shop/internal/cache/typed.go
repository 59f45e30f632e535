// Package cache holds small typed caches and the Redis event de-duplicator.
package cache

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Typed is a type-safe wrapper around sync.Map.
type Typed[K comparable, V any] struct {
	m sync.Map
}

// Get returns the value for k.
func (c *Typed[K, V]) Get(k K) (V, bool) {
	v, ok := c.m.Load(k)
	if !ok {
		var zero V
		return zero, false
	}
	return v.(V), true
}

// Set stores v under k.
func (c *Typed[K, V]) Set(k K, v V) { c.m.Store(k, v) }

// GetOrSet stores v unless k is present and reports whether it was present.
func (c *Typed[K, V]) GetOrSet(k K, v V) (V, bool) {
	actual, loaded := c.m.LoadOrStore(k, v)
	return actual.(V), loaded
}

// Delete forgets k.
func (c *Typed[K, V]) Delete(k K) { c.m.Delete(k) }

// RedisJSON caches JSON-encoded values of type T in Redis.
type RedisJSON[T any] struct {
	rdb    redis.UniversalClient
	prefix string
	ttl    time.Duration
}

// NewRedisJSON builds a cache for one kind of value.
func NewRedisJSON[T any](rdb redis.UniversalClient, prefix string, ttl time.Duration) *RedisJSON[T] {
	return &RedisJSON[T]{rdb: rdb, prefix: prefix, ttl: ttl}
}

// GetOrLoad returns the cached value or loads and caches it.
func (c *RedisJSON[T]) GetOrLoad(ctx context.Context, id string, load func(context.Context, string) (T, error)) (T, error) {
	var v T
	raw, err := c.rdb.Get(ctx, c.prefix+id).Bytes()
	if err == nil && json.Unmarshal(raw, &v) == nil {
		return v, nil
	}
	if err != nil && !errors.Is(err, redis.Nil) {
		return v, err
	}
	v, err = load(ctx, id)
	if err != nil {
		return v, err
	}
	if b, err := json.Marshal(v); err == nil {
		c.rdb.Set(ctx, c.prefix+id, b, c.ttl)
	}
	return v, nil
}

// Deduper remembers processed event ids in Redis.
type Deduper struct {
	rdb redis.UniversalClient
	ttl time.Duration
}

// NewDeduper builds a Deduper.
func NewDeduper(rdb redis.UniversalClient, ttl time.Duration) *Deduper {
	return &Deduper{rdb: rdb, ttl: ttl}
}

func dedupKey(id string) string { return "evt:" + id }

// Seen reports whether id was processed.
func (d *Deduper) Seen(ctx context.Context, id string) bool {
	return d.rdb.Exists(ctx, dedupKey(id)).Val() > 0
}

// MarkSeen records id as processed.
func (d *Deduper) MarkSeen(ctx context.Context, id string) {
	d.rdb.Set(ctx, dedupKey(id), 1, d.ttl)
}

// Claim atomically claims id and reports whether this caller won.
func (d *Deduper) Claim(ctx context.Context, id string) (bool, error) {
	return d.rdb.SetNX(ctx, dedupKey(id), 1, d.ttl).Result()
}

// Release forgets a claim so a failed event can be retried.
func (d *Deduper) Release(ctx context.Context, id string) {
	d.rdb.Del(ctx, dedupKey(id))
}
