// Package payments charges customers and records the ledger.
package payments

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Charge is one captured payment.
type Charge struct {
	ID             string
	IdempotencyKey string
	CustomerID     string
	AmountCents    int64
	Currency       string
	CreatedAt      time.Time
}

// ChargeRepo persists charges.
type ChargeRepo interface {
	FindByIdempotencyKey(ctx context.Context, key string) (*Charge, error)
	Insert(ctx context.Context, c *Charge) error
	InsertIfAbsent(ctx context.Context, c *Charge) (bool, error)
}

// ErrNotFound is returned when no charge exists for the key.
var ErrNotFound = errors.New("charge not found")

// PgRepo implements ChargeRepo on pgx.
type PgRepo struct {
	pool *pgxpool.Pool
}

func NewPgRepo(pool *pgxpool.Pool) *PgRepo { return &PgRepo{pool: pool} }

func (r *PgRepo) FindByIdempotencyKey(ctx context.Context, key string) (*Charge, error) {
	var c Charge
	err := r.pool.QueryRow(ctx,
		`SELECT id, idempotency_key, customer_id, amount_cents, currency, created_at
		   FROM charges WHERE idempotency_key = $1`, key).
		Scan(&c.ID, &c.IdempotencyKey, &c.CustomerID, &c.AmountCents, &c.Currency, &c.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	return &c, err
}

func (r *PgRepo) Insert(ctx context.Context, c *Charge) error {
	_, err := r.pool.Exec(ctx,
		`INSERT INTO charges (id, idempotency_key, customer_id, amount_cents, currency)
		 VALUES ($1, $2, $3, $4, $5)`,
		c.ID, c.IdempotencyKey, c.CustomerID, c.AmountCents, c.Currency)
	return err
}

func (r *PgRepo) InsertIfAbsent(ctx context.Context, c *Charge) (bool, error) {
	tag, err := r.pool.Exec(ctx,
		`INSERT INTO charges (id, idempotency_key, customer_id, amount_cents, currency)
		 VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (idempotency_key) DO NOTHING`,
		c.ID, c.IdempotencyKey, c.CustomerID, c.AmountCents, c.Currency)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// RecordRefund inserts a refund unless one already exists for the charge.
func (r *PgRepo) RecordRefund(ctx context.Context, chargeID string, amount int64) error {
	var exists bool
	err := r.pool.QueryRow(ctx,
		`SELECT EXISTS(SELECT 1 FROM refunds WHERE charge_id = $1)`, chargeID).Scan(&exists)
	if err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = r.pool.Exec(ctx, `INSERT INTO refunds (charge_id, amount_cents) VALUES ($1, $2)`, chargeID, amount) // BUG: checkthenact
	return err
}

// RecordPayout inserts a payout row, treating a unique violation as "already done".
func (r *PgRepo) RecordPayout(ctx context.Context, payoutID string, amount int64) error {
	var id string
	err := r.pool.QueryRow(ctx, `SELECT id FROM payouts WHERE external_id = $1`, payoutID).Scan(&id)
	if err == nil {
		return nil // fast path: already recorded
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	_, err = r.pool.Exec(ctx,
		`INSERT INTO payouts (external_id, amount_cents) VALUES ($1, $2)`, payoutID, amount)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil // a concurrent delivery won the race
	}
	return err
}

// ApplyCredit applies a promotional credit once per (customer, promo) inside a
// transaction serialised by an advisory lock on the customer.
func (r *PgRepo) ApplyCredit(ctx context.Context, customerID, promo string, cents int64) error {
	tx, err := r.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)

	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, customerID); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(ctx,
		`SELECT count(*) FROM credits WHERE customer_id = $1 AND promo = $2`, customerID, promo).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.Exec(ctx,
		`INSERT INTO credits (customer_id, promo, amount_cents) VALUES ($1, $2, $3)`, customerID, promo, cents); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// ApplyReferralBonus is the same shape as ApplyCredit but without the advisory lock:
// READ COMMITTED does not stop two transactions from both seeing zero rows.
func (r *PgRepo) ApplyReferralBonus(ctx context.Context, customerID, referrer string) error {
	tx, err := r.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)

	var dummy int
	err = tx.QueryRow(ctx,
		`SELECT 1 FROM referral_bonuses WHERE customer_id = $1`, customerID).Scan(&dummy)
	switch {
	case err == nil:
		return nil
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("lookup bonus: %w", err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO referral_bonuses (customer_id, referrer_id, amount_cents) VALUES ($1, $2, 500)`, customerID, referrer) // BUG: checkthenact
	if err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// UpsertMandate stores the latest mandate for a customer.
func (r *PgRepo) UpsertMandate(ctx context.Context, customerID, mandateID string) error {
	var current string
	err := r.pool.QueryRow(ctx, `SELECT mandate_id FROM mandates WHERE customer_id = $1`, customerID).Scan(&current)
	if err == nil && current == mandateID {
		return nil
	}
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	_, err = r.pool.Exec(ctx,
		`INSERT INTO mandates (customer_id, mandate_id) VALUES ($1, $2)
		 ON CONFLICT (customer_id) DO UPDATE SET mandate_id = EXCLUDED.mandate_id, updated_at = now()`,
		customerID, mandateID)
	return err
}
