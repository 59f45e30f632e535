// Package dedup records which deliveries we already processed.
package dedup

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Window is how long a delivery id is remembered. Providers retry for up to 3 days.
const Window = 72 * time.Hour

type Store struct {
	rdb    *redis.Client
	prefix string
}

func NewStore(rdb *redis.Client, prefix string) *Store {
	return &Store{rdb: rdb, prefix: prefix}
}

// Claim atomically marks key as processed. It reports false when another delivery
// already claimed it.
func (s *Store) Claim(ctx context.Context, key string) (bool, error) {
	return s.rdb.SetNX(ctx, s.prefix+key, 1, Window).Result()
}

// Seen reports whether key was already claimed.
func (s *Store) Seen(ctx context.Context, key string) (bool, error) {
	n, err := s.rdb.Exists(ctx, s.prefix+key).Result()
	return n > 0, err
}

// Release drops a claim after a failed attempt so that the retry can run.
func (s *Store) Release(ctx context.Context, key string) error {
	return s.rdb.Del(ctx, s.prefix+key).Err()
}
