// Package store is the Postgres persistence layer of the order service.
package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"example.com/orders/internal/events"
)

// Order is a row of the orders table.
type Order struct {
	ID         string
	CustomerID string
	Status     string
	TotalCents int64
	CreatedAt  time.Time
}

// OrderWriter is what the consumers need from the order repository.
type OrderWriter interface {
	Create(ctx context.Context, o events.OrderPlaced) error
	Save(ctx context.Context, o events.OrderPlaced) error
	AppendHistory(ctx context.Context, orderID, note string) error
}

// OrderRepo is the pgx implementation.
type OrderRepo struct {
	pool *pgxpool.Pool
}

func NewOrderRepo(pool *pgxpool.Pool) *OrderRepo { return &OrderRepo{pool: pool} }

// Create inserts a new order and its lines.
func (r *OrderRepo) Create(ctx context.Context, o events.OrderPlaced) error {
	return pgx.BeginFunc(ctx, r.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx,
			`INSERT INTO orders (id, customer_id, status, total_cents, currency) VALUES ($1, $2, 'placed', $3, $4)`,
			o.OrderID, o.CustomerID, o.AmountCents, o.Currency); err != nil {
			return fmt.Errorf("insert order: %w", err)
		}
		for _, it := range o.Items {
			if _, err := tx.Exec(ctx,
				`INSERT INTO order_lines (order_id, sku, qty) VALUES ($1, $2, $3)`,
				o.OrderID, it.SKU, it.Qty); err != nil {
				return fmt.Errorf("insert line: %w", err)
			}
		}
		return nil
	})
}

// Save writes the order, replacing what we had for the same id.
func (r *OrderRepo) Save(ctx context.Context, o events.OrderPlaced) error {
	_, err := r.pool.Exec(ctx, `
		INSERT INTO orders (id, customer_id, status, total_cents, currency)
		VALUES ($1, $2, 'placed', $3, $4)
		ON CONFLICT (id) DO UPDATE SET total_cents = EXCLUDED.total_cents, currency = EXCLUDED.currency`,
		o.OrderID, o.CustomerID, o.AmountCents, o.Currency)
	return err
}

// MarkPaid flags the order as paid by the given payment.
func (r *OrderRepo) MarkPaid(ctx context.Context, orderID, paymentID string) error {
	_, err := r.pool.Exec(ctx, `UPDATE orders SET status = 'paid', payment_id = $2, updated_at = now() WHERE id = $1`, orderID, paymentID)
	return err
}

// SetShipmentStatus records the last carrier status we saw.
func (r *OrderRepo) SetShipmentStatus(ctx context.Context, orderID, status string) error {
	_, err := r.pool.Exec(ctx, `UPDATE orders SET shipment_status = $2, updated_at = now() WHERE id = $1`, orderID, status)
	return err
}

// AppendHistory adds a line to the order timeline shown to support agents.
func (r *OrderRepo) AppendHistory(ctx context.Context, orderID, note string) error {
	_, err := r.pool.Exec(ctx, `INSERT INTO order_history (order_id, note, created_at) VALUES ($1, $2, now())`, orderID, note)
	return err
}

// ReleaseReservations drops the stock held for an order.
func (r *OrderRepo) ReleaseReservations(ctx context.Context, orderID string) error {
	_, err := r.pool.Exec(ctx, `DELETE FROM reservations WHERE order_id = $1`, orderID)
	return err
}

// Get loads one order.
func (r *OrderRepo) Get(ctx context.Context, id string) (Order, error) {
	var o Order
	err := r.pool.QueryRow(ctx, `SELECT id, customer_id, status, total_cents, created_at FROM orders WHERE id = $1`, id).
		Scan(&o.ID, &o.CustomerID, &o.Status, &o.TotalCents, &o.CreatedAt)
	return o, err
}
