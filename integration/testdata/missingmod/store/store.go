// Package store is the consumers' repository: its claim and insert reach them as
// facts.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/redis/go-redis/v9"
)

// Store keeps payments and the dedup markers.
type Store struct {
	DB  *sql.DB
	RDB *redis.Client
}

// Claim reports whether id is delivered for the first time.
func (s *Store) Claim(ctx context.Context, id string) (bool, error) {
	return s.RDB.SetNX(ctx, "seen:"+id, 1, 72*time.Hour).Result()
}

// SavePayment inserts a payment.
func (s *Store) SavePayment(ctx context.Context, id string) error {
	_, err := s.DB.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", id)
	return err
}
