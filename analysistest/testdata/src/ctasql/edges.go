// Edge cases: SELECT EXISTS(...), serializable transactions, keys read from a decoded
// body, read-modify-write through Scan, FOR UPDATE of a row that does not exist yet,
// and a transaction-scoped advisory lock taken outside a transaction.
package ctasql

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
)

// selectExistsThenInsert uses SELECT EXISTS(...) into a bool.
func selectExistsThenInsert(ctx context.Context, db *sql.DB, id string) error {
	var seen bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM processed_events WHERE event_id = $1)`, id).Scan(&seen); err != nil {
		return err
	}
	if seen {
		return nil
	}
	charge(id)
	_, err := db.ExecContext(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}

// txSerializable is txReadCommitted at SERIALIZABLE: one of two racers fails to commit.
func txSerializable(ctx context.Context, db *sql.DB, id string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var one int
	err = tx.QueryRowContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	charge(id)
	if _, err := tx.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// ServeHTTP is a webhook handler deduping through the helpers.
func (r *Repo) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	var ev event
	if err := json.NewDecoder(req.Body).Decode(&ev); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	seen, err := r.processed(req.Context(), ev.ID)
	if err != nil || seen {
		return
	}
	charge(ev.ID)
	r.markProcessed(req.Context(), ev.ID) // want `SELECT \(in r\.processed\) then INSERT \(in r\.markProcessed\) of processed_events\.event_id = ev\.ID is not atomic`
}

// debitReadModifyWrite reads a balance and writes a value computed from it: a lost update.
func debitReadModifyWrite(ctx context.Context, tx *sql.Tx, acct string, amount int64) (int64, error) {
	var bal int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1`, acct).Scan(&bal); err != nil {
		return 0, err
	}
	newBal := bal - amount
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, newBal, acct) // want `read-modify-write of accounts\.id = acct`
	return newBal, err
}

// mysqlDebitReadModifyWrite is the ? placeholder twin.
func mysqlDebitReadModifyWrite(db *sql.DB, acct string, amount int64) error {
	var bal int64
	if err := db.QueryRow("SELECT balance FROM accounts WHERE id = ?", acct).Scan(&bal); err != nil {
		return err
	}
	_, err := db.Exec("UPDATE accounts SET balance = ? WHERE id = ?", bal-amount, acct) // want `read-modify-write of accounts\.id = acct`
	return err
}

// forUpdateAbsentRow locks nothing: in PostgreSQL, SELECT ... FOR UPDATE of a row that
// does not exist yet takes no lock, so two deliveries both see no row and both INSERT.
func forUpdateAbsentRow(ctx context.Context, db *sql.DB, id string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var one int
	err = tx.QueryRowContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1 FOR UPDATE`, id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	charge(id)
	if _, err := tx.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, id); err != nil { // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
		return err
	}
	return tx.Commit()
}

// advisoryXactLockOutsideTx takes pg_advisory_xact_lock in autocommit mode: the lock is
// released when that one statement's implicit transaction ends, before the check.
func advisoryXactLockOutsideTx(ctx context.Context, db *sql.DB, id string) error {
	if _, err := db.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, id); err != nil {
		return err
	}
	var one int
	err := db.QueryRowContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	charge(id)
	_, err = db.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}
