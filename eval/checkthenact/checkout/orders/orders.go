// Package orders stores orders with database/sql.
package orders

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

type Repo struct{ db *sql.DB }

func NewRepo(db *sql.DB) *Repo { return &Repo{db: db} }

type Order struct {
	ID         int64
	IdemKey    string
	UserID     string
	TotalCents int64
	Status     string
}

// CreateIdempotent claims the idempotency key with ON CONFLICT DO NOTHING RETURNING.
func (r *Repo) CreateIdempotent(ctx context.Context, o Order) (int64, bool, error) {
	var id int64
	err := r.db.QueryRowContext(ctx,
		`INSERT INTO idempotency_keys (key, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id`, // correct
		o.IdemKey, o.UserID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		// already claimed: look up the existing order
		err = r.db.QueryRowContext(ctx, `SELECT order_id FROM idempotency_keys WHERE key = $1`, o.IdemKey).Scan(&id)
		return id, false, err
	}
	if err != nil {
		return 0, false, err
	}
	_, err = r.db.ExecContext(ctx, `UPDATE idempotency_keys SET order_id = $1 WHERE key = $2`, id, o.IdemKey) // correct: not derived from a read
	return id, true, err
}

// Create is the racy version: SELECT by idempotency key, then INSERT.
func (r *Repo) Create(ctx context.Context, o Order) (int64, error) {
	var id int64
	err := r.db.QueryRowContext(ctx, `SELECT id FROM orders WHERE idempotency_key = $1`, o.IdemKey).Scan(&id)
	switch {
	case err == nil:
		return id, nil
	case !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	err = r.db.QueryRowContext(ctx, // BUG: checkthenact
		`INSERT INTO orders (idempotency_key, user_id, total_cents) VALUES ($1, $2, $3) RETURNING id`,
		o.IdemKey, o.UserID, o.TotalCents).Scan(&id)
	return id, err
}

// MarkPaid is a conditional UPDATE: only pending orders move to paid.
func (r *Repo) MarkPaid(ctx context.Context, id int64) (bool, error) {
	var status string
	if err := r.db.QueryRowContext(ctx, `SELECT status FROM orders WHERE id = $1`, id).Scan(&status); err != nil {
		return false, err
	}
	if status != "pending" {
		return false, nil
	}
	res, err := r.db.ExecContext(ctx, `UPDATE orders SET status = 'paid' WHERE id = $1 AND status = 'pending'`, id) // correct: conditional UPDATE
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// AddCredit uses an in-place increment.
func (r *Repo) AddCredit(ctx context.Context, user string, cents int64) error {
	var bal int64
	if err := r.db.QueryRowContext(ctx, `SELECT balance FROM wallets WHERE user_id = $1`, user).Scan(&bal); err != nil {
		return err
	}
	if bal+cents > 1_000_000 {
		return fmt.Errorf("wallet limit")
	}
	_, err := r.db.ExecContext(ctx, `UPDATE wallets SET balance = balance + $1 WHERE user_id = $2`, cents, user) // correct: SET x = x + $1
	return err
}

// Debit computes the new balance in Go: lost update.
func (r *Repo) Debit(ctx context.Context, user string, cents int64) error {
	var bal int64
	if err := r.db.QueryRowContext(ctx, `SELECT balance FROM wallets WHERE user_id = $1`, user).Scan(&bal); err != nil {
		return err
	}
	if bal < cents {
		return errors.New("insufficient funds")
	}
	_, err := r.db.ExecContext(ctx, `UPDATE wallets SET balance = $1 WHERE user_id = $2`, bal-cents, user) // BUG: checkthenact
	return err
}

// DebitLocked reads FOR UPDATE inside a transaction.
func (r *Repo) DebitLocked(ctx context.Context, user string, cents int64) error {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var bal int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM wallets WHERE user_id = $1 FOR UPDATE`, user).Scan(&bal); err != nil {
		return err
	}
	if bal < cents {
		return errors.New("insufficient funds")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE wallets SET balance = $1 WHERE user_id = $2`, bal-cents, user); err != nil { // correct: FOR UPDATE
		return err
	}
	return tx.Commit()
}

// PlaceWithOutbox inserts the order and its outbox event in one tx.
func (r *Repo) PlaceWithOutbox(ctx context.Context, o Order) error {
	tx, err := r.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM orders WHERE idempotency_key = $1)`, o.IdemKey).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO orders (idempotency_key, user_id, total_cents) VALUES ($1, $2, $3) RETURNING id`, // correct: serializable tx
		o.IdemKey, o.UserID, o.TotalCents).Scan(&id); err != nil {
		return err
	}
	payload, _ := json.Marshal(map[string]any{"order_id": id})
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (aggregate_id, topic, payload) VALUES ($1, 'order.placed', $2)`, id, payload); err != nil { // correct: unconditional outbox
		return err
	}
	return tx.Commit()
}

// AuditIfMissing looks up an order and writes to a different table.
func (r *Repo) AuditIfMissing(ctx context.Context, id int64, note string) error {
	var st string
	err := r.db.QueryRowContext(ctx, `SELECT status FROM orders WHERE id = $1`, id).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = r.db.ExecContext(ctx, `INSERT INTO order_audit (order_id, note) VALUES ($1, $2)`, id, note) // correct: different table
	}
	return err
}

// ReserveAddress uses a prepared statement and ON CONFLICT.
func (r *Repo) SaveAddress(ctx context.Context, user, addr string) error {
	var cur string
	err := r.db.QueryRowContext(ctx, `SELECT address FROM addresses WHERE user_id = $1`, user).Scan(&cur)
	if err == nil && cur == addr {
		return nil
	}
	_, err = r.db.ExecContext(ctx, `INSERT INTO addresses (user_id, address) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET address = EXCLUDED.address`, user, addr) // correct: upsert
	return err
}

// findOrder is a helper returning (T, bool, error).
func (r *Repo) findOrder(ctx context.Context, key string) (Order, bool, error) {
	var o Order
	err := r.db.QueryRowContext(ctx, `SELECT id, status FROM orders WHERE idempotency_key = $1`, key).Scan(&o.ID, &o.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return Order{}, false, nil
	}
	return o, err == nil, err
}

func (r *Repo) insertRefund(ctx context.Context, orderID int64, cents int64) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO refunds (order_id, cents) VALUES ($1, $2)`, orderID, cents)
	return err
}

func (r *Repo) refundExists(ctx context.Context, orderID int64) (bool, error) {
	var n int
	err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM refunds WHERE order_id = $1`, orderID).Scan(&n)
	return n > 0, err
}

// Refund: helper check then helper insert on refunds.order_id.
func (r *Repo) Refund(ctx context.Context, key string, cents int64) error {
	o, ok, err := r.findOrder(ctx, key)
	if err != nil || !ok {
		return err
	}
	done, err := r.refundExists(ctx, o.ID)
	if err != nil {
		return err
	}
	if done {
		return nil
	}
	return r.insertRefund(ctx, o.ID, cents) // BUG: checkthenact
}

// Cancel: helper check on orders then conditional update.
func (r *Repo) Cancel(ctx context.Context, key string) error {
	o, ok, err := r.findOrder(ctx, key)
	if err != nil {
		return err
	}
	if !ok || o.Status == "cancelled" {
		return nil
	}
	_, err = r.db.ExecContext(ctx, `UPDATE orders SET status = 'cancelled' WHERE id = $1 AND status <> 'shipped'`, o.ID) // correct: constant status, conditional
	return err
}
