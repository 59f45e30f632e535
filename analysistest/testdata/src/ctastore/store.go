// Package ctastore is a dedup store whose helpers the checkthenact facts summarise
// for ctastoreuser.
package ctastore

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Key is the dedup key of an event.
func Key(id string) string { return "seen:" + id }

// Store keeps dedup markers in Redis.
type Store struct {
	rdb redis.UniversalClient
	ttl time.Duration
}

// New returns a Store.
func New(rdb redis.UniversalClient) *Store { return &Store{rdb: rdb, ttl: 24 * time.Hour} }

// Seen reports whether id was marked.
func (s *Store) Seen(ctx context.Context, id string) bool {
	return s.rdb.Exists(ctx, Key(id)).Val() > 0
}

// MarkSeen marks id.
func (s *Store) MarkSeen(ctx context.Context, id string) {
	s.rdb.Set(ctx, Key(id), 1, s.ttl)
}

// Claim marks id atomically and reports whether this call marked it.
func (s *Store) Claim(ctx context.Context, id string) bool {
	return s.rdb.SetNX(ctx, Key(id), 1, s.ttl).Val()
}

// Once runs fn at most once per id (atomic claim).
func (s *Store) Once(ctx context.Context, id string, fn func()) {
	if !s.Claim(ctx, id) {
		return
	}
	fn()
}

// OnceRacy runs fn once per id, except when two deliveries overlap.
func (s *Store) OnceRacy(ctx context.Context, id string, fn func()) {
	if s.Seen(ctx, id) {
		return
	}
	fn()
	s.MarkSeen(ctx, id) // want `EXISTS \(in s.Seen\) then SET \(in s.MarkSeen\) of .* is not atomic`
}
