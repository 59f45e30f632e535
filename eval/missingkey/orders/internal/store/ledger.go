package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Ledger keeps customer store-credit balances (database/sql, pgx stdlib driver).
type Ledger struct {
	db *sql.DB
}

func NewLedger(db *sql.DB) *Ledger { return &Ledger{db: db} }

// Credit moves cents into the account and writes the journal line.
func (l *Ledger) Credit(ctx context.Context, accountID string, cents int64, ref string) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance_cents = balance_cents + $1 WHERE id = $2`, cents, accountID); err != nil {
		return fmt.Errorf("update balance: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_entries (account_id, amount_cents, ref) VALUES ($1, $2, $3)`, accountID, cents, ref); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return tx.Commit()
}

// CreditOnce is Credit keyed by ref: the journal line is written first and a
// second call with the same ref changes nothing. It reports whether it applied.
func (l *Ledger) CreditOnce(ctx context.Context, accountID string, cents int64, ref string) (bool, error) {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO ledger_entries (account_id, amount_cents, ref) VALUES ($1, $2, $3) ON CONFLICT (ref) DO NOTHING`, accountID, cents, ref)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	if n == 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance_cents = balance_cents + $1 WHERE id = $2`, cents, accountID); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// Balance returns the current balance.
func (l *Ledger) Balance(ctx context.Context, accountID string) (int64, error) {
	var c int64
	err := l.db.QueryRowContext(ctx, `SELECT balance_cents FROM accounts WHERE id = $1`, accountID).Scan(&c)
	return c, err
}
