// Package dedup remembers which notifications were already delivered.
package dedup

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrSeen means the key was claimed before.
var ErrSeen = errors.New("dedup: already seen")

// Claim atomically claims key for ttl and returns ErrSeen when it was claimed before.
func Claim(ctx context.Context, rdb redis.Cmdable, key string, ttl time.Duration) error {
	ok, err := rdb.SetNX(ctx, key, time.Now().Unix(), ttl).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrSeen
	}
	return nil
}

// Store is a namespaced claim store with a fixed retention.
type Store struct {
	RDB    redis.UniversalClient
	Prefix string
	TTL    time.Duration
}

// Claim claims key with the store's retention.
func (s *Store) Claim(ctx context.Context, key string) (bool, error) {
	return s.RDB.SetNX(ctx, s.Prefix+key, 1, s.TTL).Result()
}

// Release drops a claim after a failed attempt so the next delivery retries.
func (s *Store) Release(ctx context.Context, key string) error {
	return s.RDB.Del(ctx, s.Prefix+key).Err()
}
