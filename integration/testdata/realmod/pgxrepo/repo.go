// Package pgxrepo records payments in PostgreSQL through pgx/v5's pgxpool.
package pgxrepo

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Repo is the payments table behind an idempotency key.
type Repo struct {
	pool *pgxpool.Pool
}

// Open connects to dsn.
func Open(ctx context.Context, dsn string) (*Repo, error) {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return &Repo{pool: pool}, nil
}

// CreatePayment inserts a payment once per idempotency key.
// POSITIVE: SELECT ... WHERE idempotency_key = $1 gates an INSERT into the same
// table and column with the same argument, without ON CONFLICT; two retries
// both see no row and both insert.
func (r *Repo) CreatePayment(ctx context.Context, key string, amount int64) error {
	var id int64
	err := r.pool.QueryRow(ctx, "SELECT id FROM payments WHERE idempotency_key = $1", key).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	_, err = r.pool.Exec(ctx, "INSERT INTO payments (idempotency_key, amount) VALUES ($1, $2)", key, amount) // want checkthenact
	return err
}

// CreatePaymentUpsert is CreatePayment's twin.
// NEGATIVE: the INSERT has ON CONFLICT (idempotency_key) DO NOTHING, so the
// unique index decides the race.
func (r *Repo) CreatePaymentUpsert(ctx context.Context, key string, amount int64) error {
	var id int64
	err := r.pool.QueryRow(ctx, "SELECT id FROM payments WHERE idempotency_key = $1", key).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	_, err = r.pool.Exec(ctx, "INSERT INTO payments (idempotency_key, amount) VALUES ($1, $2) ON CONFLICT (idempotency_key) DO NOTHING", key, amount)
	return err
}

// AuditMissing is CreatePayment's other twin.
// NEGATIVE: different key; the check reads payments, the write inserts into
// payment_audit, an append-only log.
func (r *Repo) AuditMissing(ctx context.Context, key string) error {
	var id int64
	err := r.pool.QueryRow(ctx, "SELECT id FROM payments WHERE idempotency_key = $1", key).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	_, err = r.pool.Exec(ctx, "INSERT INTO payment_audit (idempotency_key, event) VALUES ($1, 'missing')", key)
	return err
}
