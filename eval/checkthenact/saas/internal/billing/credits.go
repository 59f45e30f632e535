package billing

import (
	"context"
	"database/sql"
	"errors"
)

// ErrInsufficient is returned when an account lacks credit.
var ErrInsufficient = errors.New("billing: insufficient credit")

// Credits is the prepaid credit ledger.
type Credits struct {
	db      *sql.DB
	debitSt *sql.Stmt
}

// NewCredits prepares the statements.
func NewCredits(ctx context.Context, db *sql.DB) (*Credits, error) {
	st, err := db.PrepareContext(ctx, `UPDATE accounts SET credit_cents = credit_cents - $1 WHERE id = $2 AND credit_cents >= $1`)
	if err != nil {
		return nil, err
	}
	return &Credits{db: db, debitSt: st}, nil
}

// Debit takes credit in one conditional statement.
func (c *Credits) Debit(ctx context.Context, accountID string, cents int64) error {
	res, err := c.debitSt.ExecContext(ctx, cents, accountID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrInsufficient
	}
	return nil
}

// TopUp adds credit after reading the balance for the receipt; the write is relative.
func (c *Credits) TopUp(ctx context.Context, accountID string, cents int64) (int64, error) {
	var before int64
	if err := c.db.QueryRowContext(ctx, `SELECT credit_cents FROM accounts WHERE id = $1`, accountID).Scan(&before); err != nil {
		return 0, err
	}
	var after int64
	err := c.db.QueryRowContext(ctx, `UPDATE accounts SET credit_cents = credit_cents + $1 WHERE id = $2 RETURNING credit_cents`, cents, accountID).Scan(&after)
	return after - before, err
}

// Transfer moves credit between accounts with both rows locked.
func (c *Credits) Transfer(ctx context.Context, from, to string, cents int64) error {
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var bal int64
	if err := tx.QueryRowContext(ctx, `SELECT credit_cents FROM accounts WHERE id = $1 FOR UPDATE`, from).Scan(&bal); err != nil {
		return err
	}
	if bal < cents {
		return ErrInsufficient
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET credit_cents = $1 WHERE id = $2`, bal-cents, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET credit_cents = credit_cents + $1 WHERE id = $2`, cents, to); err != nil {
		return err
	}
	return tx.Commit()
}

// ApplyPromo gives a one-time promo credit, with the claim row inserted first.
func (c *Credits) ApplyPromo(ctx context.Context, accountID, code string, cents int64) error {
	var used int
	if err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM promo_redemptions WHERE account_id = $1 AND code = $2`, accountID, code).Scan(&used); err != nil {
		return err
	}
	if used > 0 {
		return errors.New("billing: promo already used")
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO promo_redemptions (account_id, code) VALUES ($1, $2) ON CONFLICT (account_id, code) DO NOTHING`, accountID, code)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errors.New("billing: promo already used")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET credit_cents = credit_cents + $1 WHERE id = $2`, cents, accountID); err != nil {
		return err
	}
	return tx.Commit()
}
