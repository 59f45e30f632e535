// Package ckstore is a dedup store whose Claim takes the key from its callers.
package ckstore

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

type Store struct{ rdb *redis.Client }

// Claim claims key for two days.
func (s *Store) Claim(ctx context.Context, key string) (bool, error) {
	return s.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
}

// Lock takes a lock and releases it: a lock, not a dedup.
func (s *Store) Lock(ctx context.Context, key string, fn func() error) error {
	if ok, _ := s.rdb.SetNX(ctx, key, 1, time.Minute).Result(); !ok {
		return nil
	}
	defer s.rdb.Del(ctx, key)
	return fn()
}
