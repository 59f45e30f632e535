package ledger

import (
	"context"
	"database/sql"
	"errors"

	"example.com/platform/internal/effects"
)

// Transfer is an inbound bank transfer notification.
type Transfer struct {
	Reference string
	AccountID int64
	Cents     int64
}

// ApplyTransferTx reads and inserts in one READ COMMITTED transaction: the
// transaction does not stop two of them from both seeing "absent".
func (l *Ledger) ApplyTransferTx(ctx context.Context, t Transfer) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM transfers WHERE reference = $1)`, t.Reference).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO transfers (reference, account_id, cents) VALUES ($1, $2, $3)`, t.Reference, t.AccountID, t.Cents); err != nil { // BUG: checkthenact
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, t.Cents, t.AccountID); err != nil {
		return err
	}
	return tx.Commit()
}

// ApplyTransferSerializable is the same under SERIALIZABLE: one of two
// concurrent transactions fails to commit.
func (l *Ledger) ApplyTransferSerializable(ctx context.Context, t Transfer) error {
	tx, err := l.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM transfers WHERE reference = $1)`, t.Reference).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO transfers (reference, account_id, cents) VALUES ($1, $2, $3)`, t.Reference, t.AccountID, t.Cents); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, t.Cents, t.AccountID); err != nil {
		return err
	}
	return tx.Commit()
}

// ApplyTransferAdvisory takes a transaction-scoped advisory lock on the
// reference before the check.
func (l *Ledger) ApplyTransferAdvisory(ctx context.Context, t Transfer) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, t.Reference); err != nil {
		return err
	}
	var exists bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM transfers WHERE reference = $1)`, t.Reference).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO transfers (reference, account_id, cents) VALUES ($1, $2, $3)`, t.Reference, t.AccountID, t.Cents); err != nil {
		return err
	}
	return tx.Commit()
}

// ApplyTransferAdvisoryPool takes pg_advisory_xact_lock on the pool, outside
// any transaction: the lock is released as soon as that statement's implicit
// transaction ends, before the check runs.
func (l *Ledger) ApplyTransferAdvisoryPool(ctx context.Context, t Transfer) error {
	if _, err := l.db.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, t.Reference); err != nil {
		return err
	}
	var exists bool
	if err := l.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM transfers WHERE reference = $1)`, t.Reference).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err := l.db.ExecContext(ctx, `INSERT INTO transfers (reference, account_id, cents) VALUES ($1, $2, $3)`, t.Reference, t.AccountID, t.Cents) // BUG: checkthenact
	return err
}

// ApplyTransferSessionLock takes a session-level advisory lock on a pinned
// connection and releases it at the end.
func (l *Ledger) ApplyTransferSessionLock(ctx context.Context, t Transfer) error {
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext($1))`, t.Reference); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext($1))`, t.Reference)
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM transfers WHERE reference = $1)`, t.Reference).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = conn.ExecContext(ctx, `INSERT INTO transfers (reference, account_id, cents) VALUES ($1, $2, $3)`, t.Reference, t.AccountID, t.Cents)
	return err
}

// ApplyTransferLockMissing locks the row FOR UPDATE, but for a new reference
// there is no row to lock: two transactions both find nothing and both insert.
func (l *Ledger) ApplyTransferLockMissing(ctx context.Context, t Transfer) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM transfers WHERE reference = $1 FOR UPDATE`, t.Reference).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO transfers (reference, account_id, cents) VALUES ($1, $2, $3)`, t.Reference, t.AccountID, t.Cents); err != nil { // BUG: checkthenact
		return err
	}
	return tx.Commit()
}

// MarkPayoutSent checks the payout status and then sends.
func (l *Ledger) MarkPayoutSent(ctx context.Context, payoutID string, cents int64) error {
	var status string
	if err := l.db.QueryRowContext(ctx, `SELECT status FROM payouts WHERE id = $1`, payoutID).Scan(&status); err != nil {
		return err
	}
	if status != "pending" {
		return nil
	}
	if err := effects.SendPayout(ctx, payoutID, cents); err != nil {
		return err
	}
	_, err := l.db.ExecContext(ctx, `UPDATE payouts SET status = 'sent' WHERE id = $1`, payoutID) // AMBIG: checkthenact (real bug; unconditional status UPDATE gated by SELECT is not listed as an act)
	return err
}

// ClaimPayout flips the status conditionally and only sends when it won.
func (l *Ledger) ClaimPayout(ctx context.Context, payoutID string, cents int64) error {
	res, err := l.db.ExecContext(ctx, `UPDATE payouts SET status = 'sending' WHERE id = $1 AND status = 'pending'`, payoutID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if err := effects.SendPayout(ctx, payoutID, cents); err != nil {
		return err
	}
	_, err = l.db.ExecContext(ctx, `UPDATE payouts SET status = 'sent' WHERE id = $1`, payoutID)
	return err
}
