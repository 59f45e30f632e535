// Package billing records payments and refunds (database/sql over the pgx stdlib driver).
package billing

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"example.com/saas/internal/dbx"
)

// Payment is a captured charge.
type Payment struct {
	OrderID     string
	AmountCents int64
	ProviderRef string
}

// Repo is the billing repository.
type Repo struct {
	db *sql.DB
}

// NewRepo returns a Repo.
func NewRepo(db *sql.DB) *Repo { return &Repo{db: db} }

// RecordPayment stores the capture reported by the payment webhook.
func (r *Repo) RecordPayment(ctx context.Context, p Payment) error {
	var id int64
	err := r.db.QueryRowContext(ctx, `SELECT id FROM payments WHERE order_id = $1`, p.OrderID).Scan(&id)
	if err == nil {
		return nil // already recorded
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = r.db.ExecContext(ctx, `INSERT INTO payments (order_id, amount_cents, provider_ref) VALUES ($1, $2, $3)`, p.OrderID, p.AmountCents, p.ProviderRef) // BUG: checkthenact
	return err
}

// RecordPaymentV2 keeps the cheap lookup but lets the unique index decide.
func (r *Repo) RecordPaymentV2(ctx context.Context, p Payment) error {
	var id int64
	err := r.db.QueryRowContext(ctx, `SELECT id FROM payments WHERE order_id = $1`, p.OrderID).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = r.db.ExecContext(ctx, `INSERT INTO payments (order_id, amount_cents, provider_ref) VALUES ($1, $2, $3) ON CONFLICT (order_id) DO NOTHING`, p.OrderID, p.AmountCents, p.ProviderRef)
	return err
}

// RecordPaymentV3 handles the unique violation instead.
func (r *Repo) RecordPaymentV3(ctx context.Context, p Payment) error {
	var n int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM payments WHERE order_id = $1`, p.OrderID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := r.db.ExecContext(ctx, `INSERT INTO payments (order_id, amount_cents, provider_ref) VALUES ($1, $2, $3)`, p.OrderID, p.AmountCents, p.ProviderRef)
	if dbx.IsUniqueViolation(err) {
		return nil
	}
	return err
}

// Refund is a refund of part of an order.
type Refund struct {
	OrderID     string
	AmountCents int64
	Reason      string
}

// ErrOverRefund is returned when refunds would exceed the captured amount.
var ErrOverRefund = errors.New("billing: refund exceeds captured amount")

// AddRefund locks the parent order row, then checks the refunded total and inserts.
func (r *Repo) AddRefund(ctx context.Context, rf Refund) error {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var captured int64
	if err := tx.QueryRowContext(ctx, `SELECT amount_cents FROM orders WHERE id = $1 FOR UPDATE`, rf.OrderID).Scan(&captured); err != nil {
		return err
	}
	var refunded int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(amount_cents), 0) FROM refunds WHERE order_id = $1`, rf.OrderID).Scan(&refunded); err != nil {
		return err
	}
	if refunded+rf.AmountCents > captured {
		return ErrOverRefund
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO refunds (order_id, amount_cents, reason) VALUES ($1, $2, $3)`, rf.OrderID, rf.AmountCents, rf.Reason); err != nil {
		return err
	}
	return tx.Commit()
}

// CreateInvoice numbers invoices per customer inside a serializable transaction.
func (r *Repo) CreateInvoice(ctx context.Context, customerID string, amount int64) (int, error) {
	var number int
	err := dbx.InTx(ctx, r.db, sql.LevelSerializable, func(tx *sql.Tx) error {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM invoices WHERE customer_id = $1 AND status = 'draft')`, customerID).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return errors.New("billing: a draft invoice already exists")
		}
		return tx.QueryRowContext(ctx, `INSERT INTO invoices (customer_id, amount_cents, status) VALUES ($1, $2, 'draft') RETURNING number`, customerID, amount).Scan(&number)
	})
	return number, err
}

// MarkRefunded flips an order's status after the provider confirmed the refund;
// the value written does not depend on the status read.
func (r *Repo) MarkRefunded(ctx context.Context, orderID string) error {
	var status string
	if err := r.db.QueryRowContext(ctx, `SELECT status FROM orders WHERE id = $1`, orderID).Scan(&status); err != nil {
		return err
	}
	if status == "refunded" {
		return nil
	}
	if status != "paid" && status != "partially_refunded" {
		return fmt.Errorf("billing: cannot refund order in status %q", status)
	}
	_, err := r.db.ExecContext(ctx, `UPDATE orders SET status = 'refunded', refunded_at = now() WHERE id = $1`, orderID)
	return err
}

// CancelPending cancels an order only while it is still pending.
func (r *Repo) CancelPending(ctx context.Context, orderID string) (bool, error) {
	res, err := r.db.ExecContext(ctx, `UPDATE orders SET status = 'cancelled' WHERE id = $1 AND status = 'pending'`, orderID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
