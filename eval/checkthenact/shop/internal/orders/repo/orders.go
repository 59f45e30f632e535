package repo

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Order is a row of the orders table.
type Order struct {
	ID         string
	CustomerID string
	TotalCents int64
	Status     string
	CreatedAt  time.Time
}

// OrderRepo reads and writes orders.
type OrderRepo struct {
	pool *pgxpool.Pool
}

func NewOrderRepo(pool *pgxpool.Pool) *OrderRepo { return &OrderRepo{pool: pool} }

// Pool exposes the pool so services can run transactions.
func (r *OrderRepo) Pool() *pgxpool.Pool { return r.pool }

// ErrNotFound is returned when no row matches.
var ErrNotFound = errors.New("not found")

// FindByID loads one order.
func (r *OrderRepo) FindByID(ctx context.Context, id string) (Order, error) {
	var o Order
	err := r.pool.QueryRow(ctx,
		`SELECT id, customer_id, total_cents, status, created_at FROM orders WHERE id = $1`, id).
		Scan(&o.ID, &o.CustomerID, &o.TotalCents, &o.Status, &o.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Order{}, ErrNotFound
	}
	return o, err
}

// Create inserts a new pending order.
func (r *OrderRepo) Create(ctx context.Context, o Order) error {
	_, err := r.pool.Exec(ctx,
		`INSERT INTO orders (id, customer_id, total_cents, status, created_at) VALUES ($1, $2, $3, 'pending', now())`,
		o.ID, o.CustomerID, o.TotalCents)
	return err
}

// Upsert creates the order or refreshes its total.
func (r *OrderRepo) Upsert(ctx context.Context, o Order) error {
	_, err := r.pool.Exec(ctx,
		`INSERT INTO orders (id, customer_id, total_cents, status, created_at) VALUES ($1, $2, $3, 'pending', now())
		 ON CONFLICT (id) DO UPDATE SET total_cents = EXCLUDED.total_cents`,
		o.ID, o.CustomerID, o.TotalCents)
	return err
}

// MarkPaidIfPending flips pending -> paid and reports whether this call did it.
func (r *OrderRepo) MarkPaidIfPending(ctx context.Context, id string) (bool, error) {
	tag, err := r.pool.Exec(ctx,
		`UPDATE orders SET status = 'paid', paid_at = now() WHERE id = $1 AND status = 'pending'`, id)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// CountOpenByCustomer counts a customer's open orders.
func (r *OrderRepo) CountOpenByCustomer(ctx context.Context, customerID string) (int, error) {
	var n int
	err := r.pool.QueryRow(ctx,
		`SELECT count(*) FROM orders WHERE customer_id = $1 AND status = 'pending'`, customerID).Scan(&n)
	return n, err
}
