// Package dedup holds the three stores the services use to drop redeliveries.
package dedup

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Window is how long a processed key is remembered. Providers retry for up to
// three days (Stripe), so keep a margin.
const Window = 96 * time.Hour

// Redis claims keys with SET NX.
type Redis struct {
	rdb    *redis.Client
	prefix string
}

func NewRedis(rdb *redis.Client, prefix string) *Redis {
	return &Redis{rdb: rdb, prefix: prefix}
}

// Claim reports whether this call is the first to see key.
func (s *Redis) Claim(ctx context.Context, key string) (bool, error) {
	return s.rdb.SetNX(ctx, s.prefix+key, time.Now().Unix(), Window).Result()
}

// Release forgets a key so that a failed delivery can be retried.
func (s *Redis) Release(ctx context.Context, key string) error {
	return s.rdb.Del(ctx, s.prefix+key).Err()
}

// SQL claims keys in the processed_events table (unique on source, event_key).
type SQL struct {
	db *sql.DB
}

func NewSQL(db *sql.DB) *SQL { return &SQL{db: db} }

func (s *SQL) Claim(ctx context.Context, source, key string) (bool, error) {
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO processed_events (source, event_key, seen_at) VALUES ($1, $2, now())
		 ON CONFLICT (source, event_key) DO NOTHING`, source, key)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Memory is a per-process dedup for the single-replica services.
type Memory struct {
	seen sync.Map
}

func (m *Memory) Claim(key string) bool {
	_, loaded := m.seen.LoadOrStore(key, time.Now())
	return !loaded
}
