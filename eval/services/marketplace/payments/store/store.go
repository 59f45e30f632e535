// Package store is the payments repository.
package store

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Payment is one charge attempt of an order.
type Payment struct {
	ID             string
	OrderID        string
	IdempotencyKey string
	AmountCents    int64
	Status         string
}

// Repository is the port the payment service depends on.
type Repository interface {
	PaymentByKey(ctx context.Context, key string) (*Payment, error)
	InsertPayment(ctx context.Context, p *Payment) error
	InsertPaymentOnce(ctx context.Context, p *Payment) (bool, error)
	MarkPaid(ctx context.Context, orderID string) error
}

// ErrNotFound is returned when no payment matches.
var ErrNotFound = errors.New("payment not found")

// PG is the Postgres adapter.
type PG struct {
	pool *pgxpool.Pool
}

// NewPG returns the Postgres repository.
func NewPG(pool *pgxpool.Pool) *PG { return &PG{pool: pool} }

var _ Repository = (*PG)(nil)

// PaymentByKey looks a payment up by its idempotency key.
func (r *PG) PaymentByKey(ctx context.Context, key string) (*Payment, error) {
	var p Payment
	err := r.pool.QueryRow(ctx, "SELECT id, order_id, idempotency_key, amount_cents, status FROM payments WHERE idempotency_key = $1", key).
		Scan(&p.ID, &p.OrderID, &p.IdempotencyKey, &p.AmountCents, &p.Status)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	return &p, err
}

// InsertPayment inserts a payment row.
func (r *PG) InsertPayment(ctx context.Context, p *Payment) error {
	_, err := r.pool.Exec(ctx, "INSERT INTO payments (id, order_id, idempotency_key, amount_cents, status) VALUES ($1, $2, $3, $4, $5)", p.ID, p.OrderID, p.IdempotencyKey, p.AmountCents, p.Status)
	return err
}

// InsertPaymentOnce inserts a payment unless its idempotency key exists.
func (r *PG) InsertPaymentOnce(ctx context.Context, p *Payment) (bool, error) {
	_, err := r.pool.Exec(ctx, "INSERT INTO payments (id, order_id, idempotency_key, amount_cents, status) VALUES ($1, $2, $3, $4, $5)", p.ID, p.OrderID, p.IdempotencyKey, p.AmountCents, p.Status)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return false, nil
	}
	return err == nil, err
}

// MarkPaid sets the order's payment to paid.
func (r *PG) MarkPaid(ctx context.Context, orderID string) error {
	_, err := r.pool.Exec(ctx, "UPDATE payments SET status = 'paid' WHERE order_id = $1", orderID)
	return err
}
