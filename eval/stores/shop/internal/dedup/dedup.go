// Package dedup keeps processed-message markers in Redis (rueidis).
package dedup

import (
	"context"
	"time"

	"github.com/redis/rueidis"

	"example.com/shop/internal/keys"
)

// Store holds the markers.
type Store struct {
	c          rueidis.Client
	ttlSeconds int64
}

// New returns a Store whose markers live ttlSeconds (from configuration).
func New(c rueidis.Client, ttlSeconds int64) *Store {
	return &Store{c: c, ttlSeconds: ttlSeconds}
}

// Claim marks (consumer, id) as taken; false means another delivery has it.
func (s *Store) Claim(ctx context.Context, consumer, id string) (bool, error) {
	err := s.c.Do(ctx, s.c.B().Set().Key(keys.Processed(consumer, id)).Value("1").Nx().ExSeconds(s.ttlSeconds).Build()).Error()
	if rueidis.IsRedisNil(err) {
		return false, nil
	}
	return err == nil, err
}

// ClaimKey claims an arbitrary dedup key for ttl.
func (s *Store) ClaimKey(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	err := s.c.Do(ctx, s.c.B().Set().Key(key).Value("1").Nx().Ex(ttl).Build()).Error()
	if rueidis.IsRedisNil(err) {
		return false, nil
	}
	return err == nil, err
}

// Seen reports whether (consumer, id) has a marker.
func (s *Store) Seen(ctx context.Context, consumer, id string) (bool, error) {
	n, err := s.c.Do(ctx, s.c.B().Exists().Key(keys.Processed(consumer, id)).Build()).AsInt64()
	return n > 0, err
}

// MarkDone writes the marker of (consumer, id).
func (s *Store) MarkDone(ctx context.Context, consumer, id string) error {
	return s.c.Do(ctx, s.c.B().Set().Key(keys.Processed(consumer, id)).Value("1").ExSeconds(s.ttlSeconds).Build()).Error()
}

// Release drops a claim after a failed attempt so a redelivery can retry.
func (s *Store) Release(ctx context.Context, consumer, id string) error {
	return s.c.Do(ctx, s.c.B().Del().Key(keys.Processed(consumer, id)).Build()).Error()
}

// WithLock runs fn while holding lock:name; the lock expires after ttl if
// the holder dies, and is deleted when fn returns.
func (s *Store) WithLock(ctx context.Context, name string, ttl time.Duration, fn func(context.Context) error) (bool, error) {
	k := keys.Lock(name)
	err := s.c.Do(ctx, s.c.B().Set().Key(k).Value("1").Nx().Px(ttl).Build()).Error()
	if rueidis.IsRedisNil(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer s.c.Do(context.WithoutCancel(ctx), s.c.B().Del().Key(k).Build())
	return true, fn(ctx)
}
