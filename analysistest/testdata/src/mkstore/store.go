// Package mkstore is a repository package whose helpers the consumers of mkfacts
// call: their effects and claims reach them as facts.
package mkstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

type Store struct {
	DB  *sql.DB
	RDB *redis.Client
}

// ErrSeen says the message was already processed.
var ErrSeen = errors.New("already processed")

// Claim returns whether this delivery is the first.
func (s *Store) Claim(ctx context.Context, id string) (bool, error) {
	return s.RDB.SetNX(ctx, "seen:"+id, 1, 24*time.Hour).Result()
}

// MarkProcessed claims through the inbox table and reports a duplicate as ErrSeen.
func (s *Store) MarkProcessed(ctx context.Context, id string) error {
	res, err := s.DB.ExecContext(ctx, "INSERT INTO processed (id) VALUES ($1) ON CONFLICT DO NOTHING", id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrSeen
	}
	return nil
}

// SavePayment inserts a payment row.
func (s *Store) SavePayment(ctx context.Context, id string, amount int64) error {
	_, err := s.DB.ExecContext(ctx, "INSERT INTO payments (id, amount) VALUES ($1, $2)", id, amount)
	return err
}

// SaveOnce claims and inserts itself.
func (s *Store) SaveOnce(ctx context.Context, id string) error {
	ok, err := s.RDB.SetNX(ctx, "once:"+id, 1, 24*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	_, err = s.DB.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", id)
	return err
}

// SetStatus is an absolute update: idempotent.
func (s *Store) SetStatus(ctx context.Context, id, status string) error {
	_, err := s.DB.ExecContext(ctx, "UPDATE orders SET status = $1 WHERE id = $2", status, id)
	return err
}

// Once claims id and runs fn only for the first delivery.
func (s *Store) Once(ctx context.Context, id string, fn func() error) error {
	ok, err := s.RDB.SetNX(ctx, "once:"+id, 1, 24*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	return fn()
}

// Retry runs fn until it succeeds: it claims nothing.
func (s *Store) Retry(ctx context.Context, fn func() error) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = fn(); err == nil {
			return nil
		}
	}
	return err
}
