// Package ttlstore writes markers whose TTL its callers pass.
package ttlstore

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

type Store struct{ rdb *redis.Client }

// MarkProcessed claims "processed:"+id for ttl.
func (s *Store) MarkProcessed(ctx context.Context, id string, ttl time.Duration) bool {
	return s.rdb.SetNX(ctx, "processed:"+id, 1, ttl).Val()
}

// Claim claims a key of the caller's for ttl.
func (s *Store) Claim(ctx context.Context, key string, ttl time.Duration) bool {
	return s.rdb.SetNX(ctx, key, 1, ttl).Val()
}

// Lock takes a lock for ttl and releases it: not a marker.
func (s *Store) Lock(ctx context.Context, key string, ttl time.Duration, fn func()) {
	if !s.rdb.SetNX(ctx, key, 1, ttl).Val() {
		return
	}
	defer s.rdb.Del(ctx, key)
	fn()
}

// Put caches a value for ttl: not a marker.
func (s *Store) Put(ctx context.Context, key, v string, ttl time.Duration) {
	s.rdb.Set(ctx, key, v, ttl)
}

// Seen passes its TTL on to MarkProcessed.
func Seen(ctx context.Context, s *Store, id string, ttl time.Duration) bool {
	return s.MarkProcessed(ctx, id, ttl)
}

// Prefixed is a store that keeps every key under its own prefix.
type Prefixed struct {
	rdb    *redis.Client
	prefix string
}

// ClaimFor claims the caller's key, under the store's prefix, for ttl.
func (s *Prefixed) ClaimFor(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	return s.rdb.SetNX(ctx, s.prefix+key, 1, ttl).Result()
}

// PutFor caches a value under the prefix for ttl: not a marker.
func (s *Prefixed) PutFor(ctx context.Context, key, v string, ttl time.Duration) error {
	return s.rdb.Set(ctx, s.prefix+key, v, ttl).Err()
}
