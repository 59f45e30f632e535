// Package dedup remembers which messages a consumer already handled.
package dedup

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Store keeps processed-message markers in Redis.
type Store struct {
	rdb redis.UniversalClient
	ttl time.Duration
}

func New(rdb redis.UniversalClient, ttl time.Duration) *Store {
	return &Store{rdb: rdb, ttl: ttl}
}

func key(scope, id string) string { return "dedup:" + scope + ":" + id }

// Claim marks id as taken for scope. It returns false when another delivery got
// there first.
func (s *Store) Claim(ctx context.Context, scope, id string) (bool, error) {
	return s.rdb.SetNX(ctx, key(scope, id), time.Now().Unix(), s.ttl).Result()
}

// Release gives the claim back so a later delivery can retry.
func (s *Store) Release(ctx context.Context, scope, id string) error {
	return s.rdb.Del(ctx, key(scope, id)).Err()
}

// Seen reports whether id was marked done.
func (s *Store) Seen(ctx context.Context, scope, id string) (bool, error) {
	n, err := s.rdb.Exists(ctx, key(scope, id)).Result()
	return n > 0, err
}

// Mark records id as done.
func (s *Store) Mark(ctx context.Context, scope, id string) error {
	return s.rdb.Set(ctx, key(scope, id), "done", s.ttl).Err()
}

// Once runs fn at most once per (scope, id); a failed fn releases the claim.
func (s *Store) Once(ctx context.Context, scope, id string, fn func(context.Context) error) error {
	ok, err := s.Claim(ctx, scope, id)
	if err != nil {
		return err
	}
	if !ok {
		return nil
	}
	if err := fn(ctx); err != nil {
		_ = s.Release(ctx, scope, id)
		return err
	}
	return nil
}
