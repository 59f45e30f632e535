// Package dedup is the shared delivery de-duplication store used by every
// consumer of the marketplace.
package dedup

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrDuplicate is returned by Once when the key was already claimed.
var ErrDuplicate = errors.New("dedup: duplicate delivery")

// Store claims delivery keys in Redis.
type Store struct {
	rdb    redis.UniversalClient
	prefix string
	ttl    time.Duration
}

// New returns a Store writing keys under prefix with the configured retention.
func New(rdb redis.UniversalClient, prefix string, ttl time.Duration) *Store {
	return &Store{rdb: rdb, prefix: prefix, ttl: ttl}
}

// Claim atomically claims key; false means another delivery already holds it.
func (s *Store) Claim(ctx context.Context, key string) (bool, error) {
	return s.rdb.SetNX(ctx, s.prefix+key, 1, s.ttl).Result()
}

// ClaimFor is Claim with a caller-chosen retention.
func (s *Store) ClaimFor(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	return s.rdb.SetNX(ctx, s.prefix+key, 1, ttl).Result()
}

// Seen reports whether key was marked as processed.
func (s *Store) Seen(ctx context.Context, key string) (bool, error) {
	n, err := s.rdb.Exists(ctx, s.prefix+key).Result()
	return n > 0, err
}

// Mark records key as processed.
func (s *Store) Mark(ctx context.Context, key string, ttl time.Duration) error {
	return s.rdb.Set(ctx, s.prefix+key, 1, ttl).Err()
}

// Once runs fn only for the first delivery of key.
func (s *Store) Once(ctx context.Context, key string, fn func(context.Context) error) error {
	ok, err := s.Claim(ctx, key)
	if err != nil {
		return err
	}
	if !ok {
		return ErrDuplicate
	}
	return fn(ctx)
}
