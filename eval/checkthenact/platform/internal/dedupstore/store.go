// Package dedupstore wraps Redis for webhook deduplication.
package dedupstore

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/rediskeys"
)

type Store struct {
	rdb *redis.Client
	ttl time.Duration
}

func New(rdb *redis.Client, ttl time.Duration) *Store { return &Store{rdb: rdb, ttl: ttl} }

// Seen reports whether the event was already processed.
func (s *Store) Seen(ctx context.Context, provider, id string) (bool, error) {
	n, err := s.rdb.Exists(ctx, rediskeys.Event(provider, id)).Result()
	return n > 0, err
}

// MarkSeen records the event as processed.
func (s *Store) MarkSeen(ctx context.Context, provider, id string) error {
	return s.rdb.Set(ctx, rediskeys.Event(provider, id), "1", s.ttl).Err()
}

// Claim atomically claims the event; false means another delivery owns it.
func (s *Store) Claim(ctx context.Context, provider, id string) (bool, error) {
	return s.rdb.SetNX(ctx, rediskeys.Event(provider, id), "1", s.ttl).Result()
}

// Release gives a claim back so that a later retry can process the event.
func (s *Store) Release(ctx context.Context, provider, id string) error {
	return s.rdb.Del(ctx, rediskeys.Event(provider, id)).Err()
}
