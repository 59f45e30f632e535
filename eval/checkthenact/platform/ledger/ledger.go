// Package ledger records money movements in Postgres.
package ledger

import (
	"context"
	"database/sql"
	"errors"

	"github.com/lib/pq"

	"example.com/platform/internal/effects"
)

type Ledger struct {
	db *sql.DB
}

func New(db *sql.DB) *Ledger { return &Ledger{db: db} }

type Entry struct {
	ExternalID string
	AccountID  int64
	Cents      int64
}

// Post records an entry keyed by the provider's transfer id.
func (l *Ledger) Post(ctx context.Context, e Entry) error {
	var id int64
	err := l.db.QueryRowContext(ctx, `SELECT id FROM ledger_entries WHERE external_id = $1`, e.ExternalID).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = l.db.ExecContext(ctx, `INSERT INTO ledger_entries (external_id, account_id, cents) VALUES ($1, $2, $3)`, e.ExternalID, e.AccountID, e.Cents) // BUG: checkthenact
	return err
}

// PostUpsert lets the unique index on external_id decide.
func (l *Ledger) PostUpsert(ctx context.Context, e Entry) (bool, error) {
	res, err := l.db.ExecContext(ctx,
		`INSERT INTO ledger_entries (external_id, account_id, cents) VALUES ($1, $2, $3) ON CONFLICT (external_id) DO NOTHING`,
		e.ExternalID, e.AccountID, e.Cents)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// PostChecked keeps the friendly SELECT but relies on the unique violation.
func (l *Ledger) PostChecked(ctx context.Context, e Entry) error {
	var id int64
	err := l.db.QueryRowContext(ctx, `SELECT id FROM ledger_entries WHERE external_id = $1`, e.ExternalID).Scan(&id)
	if err == nil {
		return nil
	}
	_, err = l.db.ExecContext(ctx, `INSERT INTO ledger_entries (external_id, account_id, cents) VALUES ($1, $2, $3)`, e.ExternalID, e.AccountID, e.Cents)
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "23505" {
		return nil
	}
	return err
}

// PostInsertFirst inserts and maps the unique violation to "already posted".
func (l *Ledger) PostInsertFirst(ctx context.Context, e Entry) (bool, error) {
	_, err := l.db.ExecContext(ctx, `INSERT INTO ledger_entries (external_id, account_id, cents) VALUES ($1, $2, $3)`, e.ExternalID, e.AccountID, e.Cents)
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code.Name() == "unique_violation" {
		return false, nil
	}
	return err == nil, err
}

// PostForAccount checks that the account exists before posting to it:
// different table, and the entry itself is an UPSERT.
func (l *Ledger) PostForAccount(ctx context.Context, e Entry) error {
	var ok bool
	if err := l.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM accounts WHERE id = $1)`, e.AccountID).Scan(&ok); err != nil || !ok {
		return errors.New("no such account")
	}
	_, err := l.db.ExecContext(ctx, `INSERT INTO ledger_entries (external_id, account_id, cents) VALUES ($1, $2, $3) ON CONFLICT (external_id) DO NOTHING`, e.ExternalID, e.AccountID, e.Cents)
	return err
}

// AuditAccount records an audit row for an account that exists. The read is
// of accounts, the insert into audit_log: different tables.
func (l *Ledger) AuditAccount(ctx context.Context, accountID int64, what string) error {
	var ok bool
	if err := l.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM accounts WHERE id = $1)`, accountID).Scan(&ok); err != nil || !ok {
		return errors.New("no such account")
	}
	_, err := l.db.ExecContext(ctx, `INSERT INTO audit_log (account_id, what) VALUES ($1, $2)`, accountID, what)
	return err
}

// AdjustBalance computes the new balance in Go.
func (l *Ledger) AdjustBalance(ctx context.Context, accountID, delta int64) error {
	var bal int64
	if err := l.db.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&bal); err != nil {
		return err
	}
	_, err := l.db.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, bal+delta, accountID) // BUG: checkthenact
	return err
}

// AdjustBalanceAtomic lets Postgres add.
func (l *Ledger) AdjustBalanceAtomic(ctx context.Context, accountID, delta int64) error {
	_, err := l.db.ExecContext(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, delta, accountID)
	return err
}

// Withdraw locks the row, checks the balance, writes the new balance.
func (l *Ledger) Withdraw(ctx context.Context, accountID, cents int64) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var bal int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, accountID).Scan(&bal); err != nil {
		return err
	}
	if bal < cents {
		return errors.New("insufficient funds")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, bal-cents, accountID); err != nil {
		return err
	}
	return tx.Commit()
}

// WithdrawNoTx has FOR UPDATE but no transaction: the row lock is released
// when the autocommitted SELECT ends.
func (l *Ledger) WithdrawNoTx(ctx context.Context, accountID, cents int64) error {
	var bal int64
	if err := l.db.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, accountID).Scan(&bal); err != nil {
		return err
	}
	if bal < cents {
		return errors.New("insufficient funds")
	}
	_, err := l.db.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, bal-cents, accountID) // BUG: checkthenact
	return err
}

// WithdrawConditional does the check in the UPDATE.
func (l *Ledger) WithdrawConditional(ctx context.Context, accountID, cents int64) (bool, error) {
	res, err := l.db.ExecContext(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND balance >= $1`, cents, accountID)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

func (l *Ledger) posted(ctx context.Context, externalID string) (bool, error) {
	var ok bool
	err := l.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM ledger_entries WHERE external_id = $1)`, externalID).Scan(&ok)
	return ok, err
}

func (l *Ledger) insertEntry(ctx context.Context, externalID string, accountID, cents int64) error {
	_, err := l.db.ExecContext(ctx, `INSERT INTO ledger_entries (external_id, account_id, cents) VALUES ($1, $2, $3)`, externalID, accountID, cents)
	return err
}

// PostAndNotify posts an entry once and tells the account owner.
func (l *Ledger) PostAndNotify(ctx context.Context, e Entry) error {
	done, err := l.posted(ctx, e.ExternalID)
	if err != nil || done {
		return err
	}
	if err := l.insertEntry(ctx, e.ExternalID, e.AccountID, e.Cents); err != nil { // BUG: checkthenact
		return err
	}
	return effects.Notify(ctx, "ledger", e.ExternalID)
}

// PostReversal checks the original entry and inserts the reversal under a
// different external id.
func (l *Ledger) PostReversal(ctx context.Context, e Entry) error {
	done, err := l.posted(ctx, e.ExternalID)
	if err != nil || !done {
		return errors.New("nothing to reverse")
	}
	_, err = l.db.ExecContext(ctx, `INSERT INTO ledger_entries (external_id, account_id, cents) VALUES ($1, $2, $3) ON CONFLICT (external_id) DO NOTHING`, "rev-"+e.ExternalID, e.AccountID, -e.Cents)
	return err
}
