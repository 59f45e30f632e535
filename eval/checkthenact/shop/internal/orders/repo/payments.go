package repo

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Payment is a captured payment for an order.
type Payment struct {
	ID          string
	OrderID     string
	AmountCents int64
	ProviderRef string
}

// PaymentRepo stores payments.
type PaymentRepo struct {
	pool *pgxpool.Pool
}

func NewPaymentRepo(pool *pgxpool.Pool) *PaymentRepo { return &PaymentRepo{pool: pool} }

// FindByOrder returns the payment of an order, or nil when there is none.
func (r *PaymentRepo) FindByOrder(ctx context.Context, orderID string) (*Payment, error) {
	var p Payment
	err := r.pool.QueryRow(ctx,
		`SELECT id, order_id, amount_cents, provider_ref FROM payments WHERE order_id = $1`, orderID).
		Scan(&p.ID, &p.OrderID, &p.AmountCents, &p.ProviderRef)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// Insert stores a payment row.
func (r *PaymentRepo) Insert(ctx context.Context, p Payment) error {
	_, err := r.pool.Exec(ctx,
		`INSERT INTO payments (id, order_id, amount_cents, provider_ref) VALUES ($1, $2, $3, $4)`,
		p.ID, p.OrderID, p.AmountCents, p.ProviderRef)
	return err
}

// InsertIfAbsent stores a payment unless the order already has one.
func (r *PaymentRepo) InsertIfAbsent(ctx context.Context, p Payment) (bool, error) {
	tag, err := r.pool.Exec(ctx,
		`INSERT INTO payments (id, order_id, amount_cents, provider_ref) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (order_id) DO NOTHING`,
		p.ID, p.OrderID, p.AmountCents, p.ProviderRef)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}
