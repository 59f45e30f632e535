// Package orders stores orders and fulfilment records with sqlx.
package orders

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
)

// Order is a row in orders.
type Order struct {
	ID         string    `db:"id"`
	CartID     string    `db:"cart_id"`
	CustomerID string    `db:"customer_id"`
	TotalCents int64     `db:"total_cents"`
	Status     string    `db:"status"`
	CreatedAt  time.Time `db:"created_at"`
}

// Shipment is a row in shipments.
type Shipment struct {
	OrderID  string `db:"order_id"`
	Carrier  string `db:"carrier"`
	Tracking string `db:"tracking"`
}

// Repo is the sqlx-backed order repository.
type Repo struct {
	db *sqlx.DB
}

func NewRepo(db *sqlx.DB) *Repo { return &Repo{db: db} }

// CreateFromCart creates the order for a cart unless one exists (checkout retries).
func (r *Repo) CreateFromCart(ctx context.Context, o *Order) (*Order, error) {
	var existing Order
	err := r.db.GetContext(ctx, &existing, `SELECT * FROM orders WHERE cart_id = $1`, o.CartID)
	if err == nil {
		return &existing, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	_, err = r.db.NamedExecContext(ctx, `INSERT INTO orders (id, cart_id, customer_id, total_cents, status) VALUES (:id, :cart_id, :customer_id, :total_cents, 'new')`, o) // BUG: checkthenact
	return o, err
}

// CreateFromCartUpsert lets the unique index on cart_id decide.
func (r *Repo) CreateFromCartUpsert(ctx context.Context, o *Order) (*Order, error) {
	var out Order
	err := r.db.GetContext(ctx, &out, `
		INSERT INTO orders (id, cart_id, customer_id, total_cents, status)
		VALUES ($1, $2, $3, $4, 'new')
		ON CONFLICT (cart_id) DO UPDATE SET cart_id = EXCLUDED.cart_id
		RETURNING *`, o.ID, o.CartID, o.CustomerID, o.TotalCents)
	return &out, err
}

// AddShipment records a shipment once per order.
func (r *Repo) AddShipment(ctx context.Context, s Shipment) error {
	var count int
	if err := r.db.GetContext(ctx, &count, `SELECT count(*) FROM shipments WHERE order_id = $1`, s.OrderID); err != nil {
		return err
	}
	if count > 0 {
		return nil
	}
	_, err := r.db.ExecContext(ctx, `INSERT INTO shipments (order_id, carrier, tracking) VALUES ($1, $2, $3)`, s.OrderID, s.Carrier, s.Tracking) // BUG: checkthenact
	return err
}

// AddShipmentTx uses a transaction with an advisory lock around check and insert.
func (r *Repo) AddShipmentTx(ctx context.Context, s Shipment) error {
	tx, err := r.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, s.OrderID); err != nil {
		return err
	}
	var count int
	if err := tx.GetContext(ctx, &count, `SELECT count(*) FROM shipments WHERE order_id = $1`, s.OrderID); err != nil {
		return err
	}
	if count == 0 {
		if _, err := tx.NamedExecContext(ctx,
			`INSERT INTO shipments (order_id, carrier, tracking) VALUES (:order_id, :carrier, :tracking)`, s); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// MarkPaid updates status; the status check and the update are one statement.
func (r *Repo) MarkPaid(ctx context.Context, orderID string) (bool, error) {
	res, err := r.db.ExecContext(ctx,
		`UPDATE orders SET status = 'paid' WHERE id = $1 AND status = 'new'`, orderID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RecordStatusHistory reads the order and appends to history keyed by a
// different column; status history is append-only by design.
func (r *Repo) RecordStatusHistory(ctx context.Context, orderID, status string) error {
	var o Order
	if err := r.db.GetContext(ctx, &o, `SELECT * FROM orders WHERE id = $1`, orderID); err != nil {
		return err
	}
	_, err := r.db.ExecContext(ctx,
		`INSERT INTO order_status_history (order_id, from_status, to_status) VALUES ($1, $2, $3)
		 ON CONFLICT (order_id, to_status) DO NOTHING`, o.ID, o.Status, status)
	return err
}
