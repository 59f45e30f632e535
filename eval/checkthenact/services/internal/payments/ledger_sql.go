package payments

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Ledger writes double-entry rows with database/sql (lib/pq registered elsewhere).
type Ledger struct {
	db *sql.DB
}

func NewLedger(db *sql.DB) *Ledger { return &Ledger{db: db} }

// PostEntry records a ledger entry for a provider event exactly once.
func (l *Ledger) PostEntry(ctx context.Context, eventID, account string, cents int64) error {
	var id int64
	err := l.db.QueryRowContext(ctx, `SELECT id FROM ledger_entries WHERE event_id = $1`, eventID).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = l.db.ExecContext(ctx, `INSERT INTO ledger_entries (event_id, account, amount_cents) VALUES ($1, $2, $3)`, eventID, account, cents) // BUG: checkthenact
	return err
}

// PostEntryIdempotent is the fixed version: the unique index on event_id decides.
func (l *Ledger) PostEntryIdempotent(ctx context.Context, eventID, account string, cents int64) (bool, error) {
	res, err := l.db.ExecContext(ctx,
		`INSERT INTO ledger_entries (event_id, account, amount_cents) VALUES ($1, $2, $3)
		 ON CONFLICT (event_id) DO NOTHING`, eventID, account, cents)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PostEntryChecked keeps a cheap existence check but lets the unique index arbitrate.
func (l *Ledger) PostEntryChecked(ctx context.Context, eventID, account string, cents int64) error {
	var exists bool
	if err := l.db.QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM ledger_entries WHERE event_id = $1)`, eventID).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err := l.db.ExecContext(ctx,
		`INSERT INTO ledger_entries (event_id, account, amount_cents) VALUES ($1, $2, $3)
		 ON CONFLICT DO NOTHING`, eventID, account, cents)
	return err
}

// Reverse writes a reversal inside a transaction; the SELECT and the INSERT are
// two statements in READ COMMITTED, so two reversals can both see none.
func (l *Ledger) Reverse(ctx context.Context, entryID int64) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM ledger_reversals WHERE entry_id = $1`, entryID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_reversals (entry_id) VALUES ($1)`, entryID); err != nil { // BUG: checkthenact
			return err
		}
	}
	return tx.Commit()
}

// Settle serialises per-account settlement with a transaction-scoped advisory lock.
func (l *Ledger) Settle(ctx context.Context, account, batch string) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, account); err != nil {
		return err
	}
	var done bool
	if err := tx.QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM settlements WHERE account = $1 AND batch = $2)`, account, batch).Scan(&done); err != nil {
		return err
	}
	if done {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settlements (account, batch) VALUES ($1, $2)`, account, batch); err != nil {
		return err
	}
	return tx.Commit()
}

// isUniqueViolation works for lib/pq and pgx stdlib error strings.
func isUniqueViolation(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "23505") ||
		strings.Contains(err.Error(), "duplicate key value violates unique constraint"))
}

// RegisterPaymentMethod checks first, inserts, and maps a unique violation to success.
func (l *Ledger) RegisterPaymentMethod(ctx context.Context, customerID, fingerprint string) error {
	var id int64
	err := l.db.QueryRowContext(ctx,
		`SELECT id FROM payment_methods WHERE fingerprint = $1`, fingerprint).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = l.db.ExecContext(ctx,
		`INSERT INTO payment_methods (customer_id, fingerprint) VALUES ($1, $2)`, customerID, fingerprint)
	if isUniqueViolation(err) {
		return nil
	}
	return err
}

// AuditLookup reads one table and inserts into another (different keys / tables).
func (l *Ledger) AuditLookup(ctx context.Context, actor, chargeID string) error {
	var cust string
	err := l.db.QueryRowContext(ctx, `SELECT customer_id FROM charges WHERE id = $1`, chargeID).Scan(&cust)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = l.db.ExecContext(ctx, `INSERT INTO audit_log (actor, customer_id, action) VALUES ($1, $2, 'lookup')`, actor, cust)
	return err
}
