// Package inventory reserves stock with pgx/v5.
package inventory

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Store struct{ pool *pgxpool.Pool }

func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// Reservation is one order's hold on a SKU.
type Reservation struct {
	OrderID string
	SKU     string
	Qty     int
}

// Reserve decrements stock with a guarded UPDATE.
func (s *Store) Reserve(ctx context.Context, r Reservation) (bool, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE stock SET qty = qty - $1 WHERE sku = $2 AND qty >= $1`, r.Qty, r.SKU) // correct
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// ReserveSlow reads the quantity and writes the difference.
func (s *Store) ReserveSlow(ctx context.Context, r Reservation) error {
	var qty int
	if err := s.pool.QueryRow(ctx, `SELECT qty FROM stock WHERE sku = $1`, r.SKU).Scan(&qty); err != nil {
		return err
	}
	if qty < r.Qty {
		return errors.New("out of stock")
	}
	_, err := s.pool.Exec(ctx, `UPDATE stock SET qty = $1 WHERE sku = $2`, qty-r.Qty, r.SKU) // BUG: checkthenact
	return err
}

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

// Hold records a reservation; a duplicate insert is treated as success.
func (s *Store) Hold(ctx context.Context, r Reservation) error {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM reservations WHERE order_id = $1`, r.OrderID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO reservations (order_id, sku, qty) VALUES ($1, $2, $3)`, r.OrderID, r.SKU, r.Qty) // correct: unique violation handled
	if isUniqueViolation(err) {
		return nil
	}
	return err
}

// HoldInline handles 23505 with errors.As inline.
func (s *Store) HoldInline(ctx context.Context, r Reservation) error {
	var exists bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM reservations WHERE order_id = $1)`, r.OrderID).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO reservations (order_id, sku, qty) VALUES ($1, $2, $3)`, r.OrderID, r.SKU, r.Qty) // correct: 23505 handled
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil
	}
	return err
}

// loadReservation returns (T, found, error).
func (s *Store) loadReservation(ctx context.Context, orderID string) (Reservation, bool, error) {
	var r Reservation
	err := s.pool.QueryRow(ctx, `SELECT order_id, sku, qty FROM reservations WHERE order_id = $1`, orderID).Scan(&r.OrderID, &r.SKU, &r.Qty)
	if errors.Is(err, pgx.ErrNoRows) {
		return Reservation{}, false, nil
	}
	if err != nil {
		return Reservation{}, false, err
	}
	return r, true, nil
}

// EnsureHold: check via helper, then plain INSERT.
func (s *Store) EnsureHold(ctx context.Context, r Reservation) error {
	_, found, err := s.loadReservation(ctx, r.OrderID)
	if err != nil {
		return err
	}
	if found {
		return nil
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO reservations (order_id, sku, qty) VALUES ($1, $2, $3)`, r.OrderID, r.SKU, r.Qty) // BUG: checkthenact
	return err
}

// EnsureHoldNamed uses an upsert with named args.
func (s *Store) EnsureHoldNamed(ctx context.Context, r Reservation) error {
	_, found, err := s.loadReservation(ctx, r.OrderID)
	if err != nil || found {
		return err
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO reservations (order_id, sku, qty) VALUES (@order_id, @sku, @qty) ON CONFLICT (order_id) DO NOTHING`, // correct
		pgx.NamedArgs{"order_id": r.OrderID, "sku": r.SKU, "qty": r.Qty})
	return err
}

// Release under an advisory xact lock.
func (s *Store) Release(ctx context.Context, orderID string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, orderID); err != nil {
			return err
		}
		var qty int
		var sku string
		err := tx.QueryRow(ctx, `SELECT sku, qty FROM reservations WHERE order_id = $1`, orderID).Scan(&sku, &qty)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO reservation_releases (order_id, qty) VALUES ($1, $2)`, orderID, qty); err != nil { // correct: advisory lock, and different table
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE stock SET qty = qty + $1 WHERE sku = $2`, qty, sku) // correct: increment in place
		return err
	})
}

// Restock in a serializable pgx transaction.
func (s *Store) Restock(ctx context.Context, sku string, add int) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
		var qty int
		if err := tx.QueryRow(ctx, `SELECT qty FROM stock WHERE sku = $1`, sku).Scan(&qty); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE stock SET qty = $1 WHERE sku = $2`, qty+add, sku) // correct: serializable
		return err
	})
}

// ClaimWebhook uses the idempotency table insert as the claim.
func (s *Store) ClaimWebhook(ctx context.Context, eventID string) (bool, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING RETURNING id`, eventID).Scan(&id) // correct
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// Capture charges once per payment row; the conditional UPDATE is the claim.
func (s *Store) Capture(ctx context.Context, orderID string) (bool, error) {
	var status string
	err := s.pool.QueryRow(ctx, `SELECT status FROM payments WHERE order_id = $1`, orderID).Scan(&status)
	if err != nil {
		return false, err
	}
	switch status {
	case "captured":
		return false, nil
	case "authorized":
		tag, err := s.pool.Exec(ctx, `UPDATE payments SET status = 'captured' WHERE order_id = $1 AND status = 'authorized'`, orderID) // correct
		return err == nil && tag.RowsAffected() == 1, err
	default:
		return false, errors.New("bad status " + status)
	}
}

// RecordPayment: SELECT EXISTS then INSERT into payments.
func (s *Store) RecordPayment(ctx context.Context, orderID string, cents int64) error {
	var exists bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM payments WHERE order_id = $1)`, orderID).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		if _, err := s.pool.Exec(ctx, `INSERT INTO payments (order_id, cents, status) VALUES ($1, $2, 'authorized')`, orderID, cents); err != nil { // BUG: checkthenact
			return err
		}
	}
	return nil
}
