// Package ledger books coupons, refunds and loyalty points with database/sql and sqlx.
package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jmoiron/sqlx"
)

// Service books ledger entries. pg is Postgres ($n placeholders), legacy is the
// MySQL coupon database (? placeholders), x is the same Postgres through sqlx.
type Service struct {
	pg     *sql.DB
	legacy *sql.DB
	x      *sqlx.DB
}

func New(pg, legacy *sql.DB, x *sqlx.DB) *Service { return &Service{pg: pg, legacy: legacy, x: x} }

// Refund is a refund request.
type Refund struct {
	PaymentID   string `db:"payment_id"`
	OrderID     string `db:"order_id"`
	AmountCents int64  `db:"amount_cents"`
	Reason      string `db:"reason"`
}

// RedeemCoupon records a coupon use for an order (MySQL).
func (s *Service) RedeemCoupon(ctx context.Context, orderID, code string) error {
	var n int
	if err := s.legacy.QueryRowContext(ctx,
		"SELECT COUNT(*) FROM coupon_redemptions WHERE order_id = ?", orderID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := s.legacy.ExecContext(ctx, // BUG: checkthenact
		"INSERT INTO coupon_redemptions (order_id, coupon_code, redeemed_at) VALUES (?, ?, NOW())", orderID, code)
	return err
}

// RedeemCouponUpsert does the same with ON DUPLICATE KEY UPDATE.
func (s *Service) RedeemCouponUpsert(ctx context.Context, orderID, code string) error {
	var n int
	if err := s.legacy.QueryRowContext(ctx,
		"SELECT COUNT(*) FROM coupon_redemptions WHERE order_id = ?", orderID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := s.legacy.ExecContext(ctx,
		"INSERT INTO coupon_redemptions (order_id, coupon_code, redeemed_at) VALUES (?, ?, NOW()) ON DUPLICATE KEY UPDATE order_id = order_id",
		orderID, code)
	return err
}

// RedeemCouponIgnore uses INSERT IGNORE.
func (s *Service) RedeemCouponIgnore(ctx context.Context, orderID, code string) (bool, error) {
	var n int
	if err := s.legacy.QueryRowContext(ctx,
		"SELECT COUNT(*) FROM coupon_redemptions WHERE order_id = ?", orderID).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	res, err := s.legacy.ExecContext(ctx,
		"INSERT IGNORE INTO coupon_redemptions (order_id, coupon_code, redeemed_at) VALUES (?, ?, NOW())", orderID, code)
	if err != nil {
		return false, err
	}
	rows, _ := res.RowsAffected()
	return rows == 1, nil
}

// IssueRefund books a refund unless the payment already has one.
func (s *Service) IssueRefund(ctx context.Context, r Refund) error {
	stmt, err := s.pg.PrepareContext(ctx, `SELECT id FROM refunds WHERE payment_id = $1`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	var id int64
	err = stmt.QueryRowContext(ctx, r.PaymentID).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = s.pg.ExecContext(ctx, `INSERT INTO refunds (payment_id, amount_cents, reason) VALUES ($1, $2, $3)`, // BUG: checkthenact
		r.PaymentID, r.AmountCents, r.Reason)
	return err
}

// IssueRefundUnique inserts and treats a unique violation as "already refunded".
func (s *Service) IssueRefundUnique(ctx context.Context, r Refund) error {
	var id int64
	err := s.pg.QueryRowContext(ctx, `SELECT id FROM refunds WHERE payment_id = $1`, r.PaymentID).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = s.pg.ExecContext(ctx, `INSERT INTO refunds (payment_id, amount_cents, reason) VALUES ($1, $2, $3)`,
		r.PaymentID, r.AmountCents, r.Reason)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil
	}
	return err
}

// IssueRefundSerializable runs check and insert in a serializable transaction.
func (s *Service) IssueRefundSerializable(ctx context.Context, r Refund) error {
	tx, err := s.pg.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM refunds WHERE payment_id = $1`, r.PaymentID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO refunds (payment_id, amount_cents, reason) VALUES ($1, $2, $3)`,
		r.PaymentID, r.AmountCents, r.Reason); err != nil {
		return err
	}
	return tx.Commit()
}

// IssueRefundAdvisory holds a session advisory lock on a dedicated connection.
func (s *Service) IssueRefundAdvisory(ctx context.Context, r Refund) error {
	conn, err := s.pg.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext($1))`, r.PaymentID); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext($1))`, r.PaymentID)
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM refunds WHERE payment_id = $1`, r.PaymentID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err = conn.ExecContext(ctx, `INSERT INTO refunds (payment_id, amount_cents, reason) VALUES ($1, $2, $3)`,
		r.PaymentID, r.AmountCents, r.Reason)
	return err
}

// CreateShipmentLabel stores a label once per order (sqlx).
func (s *Service) CreateShipmentLabel(ctx context.Context, orderID, label string) error {
	var n int
	if err := s.x.GetContext(ctx, &n, `SELECT count(*) FROM shipment_labels WHERE order_id = $1`, orderID); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := s.x.ExecContext(ctx, `INSERT INTO shipment_labels (order_id, label) VALUES ($1, $2)`, orderID, label) // BUG: checkthenact
	return err
}

// CreateShipmentLabelNamed uses a named upsert that ignores duplicates.
func (s *Service) CreateShipmentLabelNamed(ctx context.Context, orderID, label string) error {
	var n int
	if err := s.x.GetContext(ctx, &n, `SELECT count(*) FROM shipment_labels WHERE order_id = $1`, orderID); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := s.x.NamedExecContext(ctx,
		`INSERT INTO shipment_labels (order_id, label) VALUES (:order_id, :label) ON CONFLICT (order_id) DO NOTHING`,
		map[string]any{"order_id": orderID, "label": label})
	return err
}

// EarnPoints adds loyalty points (read, add, write back) with sqlx.
func (s *Service) EarnPoints(ctx context.Context, customerID string, earned int) error {
	var pts int
	if err := s.x.GetContext(ctx, &pts, `SELECT points FROM loyalty WHERE customer_id = $1`, customerID); err != nil {
		return fmt.Errorf("load points: %w", err)
	}
	_, err := s.x.ExecContext(ctx, `UPDATE loyalty SET points = $1 WHERE customer_id = $2`, pts+earned, customerID) // BUG: checkthenact
	return err
}

// EarnPointsRelative adds points with a relative update after an existence check.
func (s *Service) EarnPointsRelative(ctx context.Context, customerID string, earned int) error {
	var pts int
	if err := s.x.GetContext(ctx, &pts, `SELECT points FROM loyalty WHERE customer_id = $1`, customerID); err != nil {
		return err
	}
	if pts < 0 {
		return errors.New("loyalty account frozen")
	}
	_, err := s.x.ExecContext(ctx, `UPDATE loyalty SET points = points + $1 WHERE customer_id = $2`, earned, customerID)
	return err
}

// EarnPointsLocked does the read-modify-write under FOR UPDATE in a sqlx transaction.
func (s *Service) EarnPointsLocked(ctx context.Context, customerID string, earned int) error {
	tx, err := s.x.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var pts int
	if err := tx.GetContext(ctx, &pts, `SELECT points FROM loyalty WHERE customer_id = $1 FOR UPDATE`, customerID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE loyalty SET points = $1 WHERE customer_id = $2`, pts+earned, customerID); err != nil {
		return err
	}
	return tx.Commit()
}

// ApproveRefund flips a refund from pending to approved.
func (s *Service) ApproveRefund(ctx context.Context, paymentID string) (bool, error) {
	var status string
	if err := s.x.GetContext(ctx, &status, `SELECT status FROM refunds WHERE payment_id = $1`, paymentID); err != nil {
		return false, err
	}
	if status != "pending" {
		return false, nil
	}
	res, err := s.x.ExecContext(ctx,
		`UPDATE refunds SET status = 'approved' WHERE payment_id = $1 AND status = 'pending'`, paymentID)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// EnrollLoyalty opens a loyalty account for a known customer (different table).
func (s *Service) EnrollLoyalty(ctx context.Context, customerID string) error {
	var ok bool
	if err := s.pg.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM customers WHERE id = $1)`, customerID).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("unknown customer %s", customerID)
	}
	_, err := s.pg.ExecContext(ctx, `INSERT INTO loyalty (customer_id, points) VALUES ($1, 0) ON CONFLICT (customer_id) DO NOTHING`, customerID)
	return err
}

// LogCouponView appends a view row for a coupon that exists (other table, other key).
func (s *Service) LogCouponView(ctx context.Context, code, sessionID string) error {
	var n int
	if err := s.legacy.QueryRowContext(ctx, "SELECT COUNT(*) FROM coupons WHERE code = ?", code).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	_, err := s.legacy.ExecContext(ctx, "INSERT INTO coupon_views (session_id, code) VALUES (?, ?)", sessionID, code)
	return err
}
