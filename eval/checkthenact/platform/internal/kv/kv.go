// Package kv is the team's thin wrapper over go-redis.
package kv

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

type Store struct {
	c redis.UniversalClient
}

func New(c redis.UniversalClient) *Store { return &Store{c: c} }

func (s *Store) Has(ctx context.Context, key string) bool {
	return s.c.Exists(ctx, key).Val() > 0
}

func (s *Store) Put(ctx context.Context, key string, val any, ttl time.Duration) error {
	return s.c.Set(ctx, key, val, ttl).Err()
}

func (s *Store) PutIfAbsent(ctx context.Context, key string, val any, ttl time.Duration) (bool, error) {
	return s.c.SetNX(ctx, key, val, ttl).Result()
}

func (s *Store) GetString(ctx context.Context, key string) (string, bool, error) {
	v, err := s.c.Get(ctx, key).Result()
	if errors.Is(err, redis.Nil) {
		return "", false, nil
	}
	return v, err == nil, err
}

// Typed is a JSON view over the store.
type Typed[T any] struct {
	s      *Store
	prefix string
}

func NewTyped[T any](s *Store, prefix string) *Typed[T] { return &Typed[T]{s: s, prefix: prefix} }

func (t *Typed[T]) Load(ctx context.Context, id string) (T, bool) {
	var v T
	raw, err := t.s.c.Get(ctx, t.prefix+id).Bytes()
	if err != nil || json.Unmarshal(raw, &v) != nil {
		return v, false
	}
	return v, true
}

func (t *Typed[T]) Save(ctx context.Context, id string, v T, ttl time.Duration) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return t.s.c.Set(ctx, t.prefix+id, raw, ttl).Err()
}
