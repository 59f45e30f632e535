package ledger

import (
	"context"
	"database/sql"
	"errors"

	"example.com/platform/internal/effects"
)

// Payments keeps prepared statements for the hot path.
type Payments struct {
	db       *sql.DB
	findByID *sql.Stmt
}

func NewPayments(ctx context.Context, db *sql.DB) (*Payments, error) {
	st, err := db.PrepareContext(ctx, `SELECT id FROM payments WHERE idempotency_key = $1`)
	if err != nil {
		return nil, err
	}
	return &Payments{db: db, findByID: st}, nil
}

// Create checks with the prepared SELECT, then inserts.
func (p *Payments) Create(ctx context.Context, idemKey, customer string, cents int64) error {
	var id int64
	err := p.findByID.QueryRowContext(ctx, idemKey).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if err := effects.ChargeCard(ctx, customer, cents); err != nil {
		return err
	}
	_, err = p.db.ExecContext(ctx, `INSERT INTO payments (customer_id, idempotency_key, cents) VALUES ($1, $2, $3)`, customer, idemKey, cents) // BUG: checkthenact
	return err
}

// CreateUpsert keeps the SELECT for the fast path and upserts.
func (p *Payments) CreateUpsert(ctx context.Context, idemKey, customer string, cents int64) error {
	var id int64
	if err := p.findByID.QueryRowContext(ctx, idemKey).Scan(&id); err == nil {
		return nil
	}
	_, err := p.db.ExecContext(ctx,
		`INSERT INTO payments (customer_id, idempotency_key, cents) VALUES ($1, $2, $3)
		 ON CONFLICT (idempotency_key) DO UPDATE SET cents = EXCLUDED.cents`, customer, idemKey, cents)
	return err
}

// Capture checks the parent authorization and inserts the capture under its
// own key: the SELECT is on a different argument.
func (p *Payments) Capture(ctx context.Context, authKey, captureKey, customer string, cents int64) error {
	var id int64
	if err := p.findByID.QueryRowContext(ctx, authKey).Scan(&id); err != nil {
		return err
	}
	_, err := p.db.ExecContext(ctx, `INSERT INTO payments (customer_id, idempotency_key, cents) VALUES ($1, $2, $3) ON CONFLICT (idempotency_key) DO NOTHING`, customer, captureKey, cents)
	return err
}

// CaptureNoConflict is Capture with a plain INSERT; the SELECT is still on
// the authorization key, the INSERT on the capture key.
func (p *Payments) CaptureNoConflict(ctx context.Context, authKey, captureKey, customer string, cents int64) error {
	var id int64
	if err := p.findByID.QueryRowContext(ctx, authKey).Scan(&id); err != nil {
		return err
	}
	_, err := p.db.ExecContext(ctx, `INSERT INTO payments (customer_id, idempotency_key, cents) VALUES ($1, $2, $3)`, customer, captureKey, cents)
	return err
}

// AddAPIKey allows at most five keys per user.
func (l *Ledger) AddAPIKey(ctx context.Context, userID, hashed string) error {
	var n int
	if err := l.db.QueryRowContext(ctx, `SELECT count(*) FROM api_keys WHERE user_id = $1`, userID).Scan(&n); err != nil {
		return err
	}
	if n >= 5 {
		return errors.New("too many keys")
	}
	_, err := l.db.ExecContext(ctx, `INSERT INTO api_keys (user_id, hashed) VALUES ($1, $2)`, userID, hashed) // BUG: checkthenact
	return err
}

// AccrueInterest reads and writes the balance in a READ COMMITTED transaction
// without FOR UPDATE.
func (l *Ledger) AccrueInterest(ctx context.Context, accountID int64, bps int64) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var bal int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&bal); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, bal+bal*bps/10000, accountID); err != nil { // BUG: checkthenact
		return err
	}
	return tx.Commit()
}

func lockAccount(ctx context.Context, tx *sql.Tx, accountID int64) (int64, error) {
	var bal int64
	err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, accountID).Scan(&bal)
	return bal, err
}

// AccrueInterestLocked locks the row through a helper first.
func (l *Ledger) AccrueInterestLocked(ctx context.Context, accountID int64, bps int64) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	bal, err := lockAccount(ctx, tx, accountID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, bal+bal*bps/10000, accountID); err != nil {
		return err
	}
	return tx.Commit()
}

// GrantBonus gives the first-deposit bonus once per account.
func (l *Ledger) GrantBonus(ctx context.Context, accountID int64) error {
	var has bool
	if err := l.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM bonuses WHERE account_id = $1)`, accountID).Scan(&has); err != nil {
		return err
	}
	if has {
		return nil
	}
	go func() {
		ctx := context.WithoutCancel(ctx)
		if _, err := l.db.ExecContext(ctx, `INSERT INTO bonuses (kind, account_id, cents) VALUES ('first_deposit', $1, 1000)`, accountID); err != nil { // BUG: checkthenact
			return
		}
		_ = effects.Notify(ctx, "bonus", "granted")
	}()
	return nil
}

// CreateLocalStmt prepares the SELECT locally, then inserts.
func (l *Ledger) CreateLocalStmt(ctx context.Context, idemKey, customer string, cents int64) error {
	st, err := l.db.PrepareContext(ctx, `SELECT id FROM payments WHERE idempotency_key = $1`)
	if err != nil {
		return err
	}
	defer st.Close()
	var id int64
	if err := st.QueryRowContext(ctx, idemKey).Scan(&id); err == nil {
		return nil
	}
	_, err = l.db.ExecContext(ctx, `INSERT INTO payments (customer_id, idempotency_key, cents) VALUES ($1, $2, $3)`, customer, idemKey, cents) // BUG: checkthenact
	return err
}

func advisoryLock(ctx context.Context, tx *sql.Tx, key string) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, key)
	return err
}

// ApplyTransferAdvisoryHelper takes the xact lock through a helper.
func (l *Ledger) ApplyTransferAdvisoryHelper(ctx context.Context, t Transfer) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := advisoryLock(ctx, tx, t.Reference); err != nil {
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
