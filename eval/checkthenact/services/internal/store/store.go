// Package store wraps the shared Redis deployment used by all services.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/evalcorpus/internal/keys"
)

// DedupTTL is how long processed markers live; longer than any broker redelivery window.
const DedupTTL = 72 * time.Hour

// Store is the shared Redis handle plus typed helpers.
type Store struct {
	rdb redis.UniversalClient
}

// New builds a Store over any go-redis client (single, sentinel or cluster).
func New(rdb redis.UniversalClient) *Store { return &Store{rdb: rdb} }

// Client exposes the raw client for callers that need commands we do not wrap.
func (s *Store) Client() redis.UniversalClient { return s.rdb }

// Seen reports whether the event was already processed.
func (s *Store) Seen(ctx context.Context, eventID string) (bool, error) {
	n, err := s.rdb.Exists(ctx, keys.EventPrefix+eventID).Result()
	if err != nil {
		return false, fmt.Errorf("exists: %w", err)
	}
	return n > 0, nil
}

// MarkSeen records the event as processed.
func (s *Store) MarkSeen(ctx context.Context, eventID string) error {
	return s.rdb.Set(ctx, keys.EventPrefix+eventID, time.Now().Unix(), DedupTTL).Err()
}

// Claim atomically claims the event; false means someone else already has it.
func (s *Store) Claim(ctx context.Context, eventID string) (bool, error) {
	return s.rdb.SetNX(ctx, keys.EventPrefix+eventID, time.Now().Unix(), DedupTTL).Result()
}

// Release drops a claim so the event can be retried after a failure.
func (s *Store) Release(ctx context.Context, eventID string) error {
	return s.rdb.Del(ctx, keys.EventPrefix+eventID).Err()
}

// GetBalance returns the cached wallet balance in cents.
func (s *Store) GetBalance(ctx context.Context, walletID string) (int64, error) {
	v, err := s.rdb.Get(ctx, keys.Balance(walletID)).Result()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// SetBalance overwrites the wallet balance.
func (s *Store) SetBalance(ctx context.Context, walletID string, cents int64) error {
	return s.rdb.Set(ctx, keys.Balance(walletID), cents, 0).Err()
}

// AddBalance adjusts the balance atomically.
func (s *Store) AddBalance(ctx context.Context, walletID string, delta int64) (int64, error) {
	return s.rdb.IncrBy(ctx, keys.Balance(walletID), delta).Result()
}

// CachedResponse returns the stored response body for an idempotency key, if any.
func (s *Store) CachedResponse(ctx context.Context, tenant, idemKey string) ([]byte, bool, error) {
	b, err := s.rdb.Get(ctx, keys.IdemResp(tenant, idemKey)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// SaveResponse stores the response body for an idempotency key.
func (s *Store) SaveResponse(ctx context.Context, tenant, idemKey string, body []byte) error {
	return s.rdb.Set(ctx, keys.IdemResp(tenant, idemKey), body, DedupTTL).Err()
}

// ClaimResponse reserves the idempotency key before the work starts.
func (s *Store) ClaimResponse(ctx context.Context, tenant, idemKey string) (bool, error) {
	return s.rdb.SetNX(ctx, keys.IdemResp(tenant, idemKey), "pending", DedupTTL).Result()
}

// MarkOnce marks the event processed unless it already is; returns true on first call.
func (s *Store) MarkOnce(ctx context.Context, eventID string) (bool, error) {
	seen, err := s.Seen(ctx, eventID)
	if err != nil {
		return false, err
	}
	if seen {
		return false, nil
	}
	return true, s.MarkSeen(ctx, eventID) // BUG: checkthenact
}

// GetJSON loads a JSON value; found=false on a miss.
func (s *Store) GetJSON(ctx context.Context, key string, v any) (bool, error) {
	b, err := s.rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal(b, v)
}

// SetJSON stores a JSON value with a TTL.
func (s *Store) SetJSON(ctx context.Context, key string, v any, ttl time.Duration) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.rdb.Set(ctx, key, b, ttl).Err()
}
