// Package ctasql holds checkthenact cases for database/sql: a SELECT on the event id
// that gates an INSERT of the same row is two round trips, not a claim.
package ctasql

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5/pgconn"
)

func charge(string) {}

// selectOneThenInsert is the seed shape on *sql.DB with sql.ErrNoRows.
func selectOneThenInsert(ctx context.Context, db *sql.DB, id string) error {
	var one int
	err := db.QueryRowContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err == nil {
		return nil // already processed
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	charge(id)
	_, err = db.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}

// selectThenInsertOnConflict keeps the fast path but claims with ON CONFLICT DO NOTHING.
func selectThenInsertOnConflict(ctx context.Context, db *sql.DB, id string) error {
	var one int
	err := db.QueryRowContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	res, err := db.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1) ON CONFLICT (event_id) DO NOTHING`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // another delivery claimed it
	}
	charge(id)
	return nil
}

// selectExistsThenInsertOtherTable records into a different table.
func selectExistsThenInsertOtherTable(ctx context.Context, db *sql.DB, id string) error {
	var seen bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM processed_events WHERE event_id = $1)`, id).Scan(&seen); err != nil {
		return err
	}
	if seen {
		return nil
	}
	charge(id)
	_, err := db.ExecContext(ctx, `INSERT INTO audit_log (event_id) VALUES ($1)`, id)
	return err
}

// rowsNextThenInsert gates the INSERT on rows.Next().
func rowsNextThenInsert(db *sql.DB, id string) error {
	rows, err := db.Query(`SELECT event_id FROM processed_events WHERE event_id = $1`, id)
	if err != nil {
		return err
	}
	found := rows.Next()
	rows.Close()
	if found {
		return nil
	}
	charge(id)
	_, err = db.Exec(`INSERT INTO processed_events(event_id) VALUES($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}

// rowsNextThenInsertOtherColumn checks delivery_id but inserts event_id.
func rowsNextThenInsertOtherColumn(db *sql.DB, id string) error {
	rows, err := db.Query(`SELECT event_id FROM processed_events WHERE delivery_id = $1`, id)
	if err != nil {
		return err
	}
	found := rows.Next()
	rows.Close()
	if found {
		return nil
	}
	charge(id)
	_, err = db.Exec(`INSERT INTO processed_events(event_id) VALUES($1)`, id)
	return err
}

// selectThenInsertOtherArg checks the event id but inserts the parent order id.
func selectThenInsertOtherArg(ctx context.Context, db *sql.DB, id, orderID string) error {
	var one int
	err := db.QueryRowContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	charge(id)
	_, err = db.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, orderID)
	return err
}

// txDefaultIsolation runs both statements in a READ COMMITTED transaction: still a race.
func txDefaultIsolation(ctx context.Context, db *sql.DB, id string) error {
	tx, err := db.BeginTx(ctx, nil)
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
	if _, err := tx.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, id); err != nil { // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
		return err
	}
	return tx.Commit()
}

// txReadCommitted names the isolation level explicitly.
func txReadCommitted(ctx context.Context, db *sql.DB, id string) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
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
	if _, err := tx.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, id); err != nil { // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
		return err
	}
	return tx.Commit()
}

// sqlConn pins one *sql.Conn for both statements.
func sqlConn(ctx context.Context, db *sql.DB, id string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var one int
	err = conn.QueryRowContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	charge(id)
	_, err = conn.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}

// preparedStmts uses *sql.Stmt from Prepare for both statements.
func preparedStmts(ctx context.Context, db *sql.DB, id string) error {
	sel, err := db.PrepareContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`)
	if err != nil {
		return err
	}
	defer sel.Close()
	ins, err := db.PrepareContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	var one int
	err = sel.QueryRowContext(ctx, id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	charge(id)
	_, err = ins.ExecContext(ctx, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}

// preparedStmtsOnConflict prepares the claim with ON CONFLICT DO NOTHING.
func preparedStmtsOnConflict(ctx context.Context, db *sql.DB, id string) error {
	sel, err := db.PrepareContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`)
	if err != nil {
		return err
	}
	defer sel.Close()
	ins, err := db.PrepareContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1) ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	defer ins.Close()
	var one int
	err = sel.QueryRowContext(ctx, id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	res, err := ins.ExecContext(ctx, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		charge(id)
	}
	return nil
}

// mysqlSelectThenInsert is the MySQL spelling with ? placeholders.
func mysqlSelectThenInsert(db *sql.DB, id string) error {
	var one int
	err := db.QueryRow("SELECT 1 FROM processed_events WHERE event_id = ?", id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	charge(id)
	_, err = db.Exec("INSERT INTO processed_events (event_id) VALUES (?)", id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}

// mysqlOnDuplicateKey claims with ON DUPLICATE KEY UPDATE and checks rows affected.
func mysqlOnDuplicateKey(db *sql.DB, id string) error {
	var one int
	err := db.QueryRow("SELECT 1 FROM processed_events WHERE event_id = ?", id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	res, err := db.Exec("INSERT INTO processed_events (event_id) VALUES (?) ON DUPLICATE KEY UPDATE event_id = event_id", id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		charge(id)
	}
	return nil
}

// mysqlInsertIgnore claims with INSERT IGNORE.
func mysqlInsertIgnore(db *sql.DB, id string) error {
	var one int
	err := db.QueryRow("SELECT 1 FROM processed_events WHERE event_id = ?", id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	res, err := db.Exec("INSERT IGNORE INTO processed_events (event_id) VALUES (?)", id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		charge(id)
	}
	return nil
}

// advisoryLockFirst serialises deliveries of one id on a transaction-scoped advisory lock.
func advisoryLockFirst(ctx context.Context, db *sql.DB, id string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, id); err != nil {
		return err
	}
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

// advisoryLockAfterCheck takes the lock only after the check: both deliveries already passed it.
func advisoryLockAfterCheck(ctx context.Context, db *sql.DB, id string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var one int
	err = tx.QueryRowContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, id); err != nil {
		return err
	}
	charge(id)
	if _, err := tx.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, id); err != nil { // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
		return err
	}
	return tx.Commit()
}

// insertHandlesUniqueViolation inserts first and treats 23505 as "already processed".
func insertHandlesUniqueViolation(ctx context.Context, db *sql.DB, id string) error {
	var one int
	err := db.QueryRowContext(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err != sql.ErrNoRows {
		return err
	}
	_, err = db.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, id)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil // a concurrent delivery won the claim
	}
	if err != nil {
		return err
	}
	charge(id)
	return nil
}

// Repo hides the statements behind helper methods.
type Repo struct{ db *sql.DB }

func (r *Repo) processed(ctx context.Context, id string) (bool, error) {
	var seen bool
	err := r.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM processed_events WHERE event_id = $1)`, id).Scan(&seen)
	return seen, err
}

func (r *Repo) markProcessed(ctx context.Context, id string) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1)`, id)
	return err
}

func (r *Repo) claim(ctx context.Context, id string) (bool, error) {
	res, err := r.db.ExecContext(ctx, `INSERT INTO processed_events(event_id) VALUES($1) ON CONFLICT DO NOTHING`, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

type event struct {
	ID string `json:"id"`
}

// HandleClaim is the same webhook deduping with the ON CONFLICT claim helper.
func (r *Repo) HandleClaim(w http.ResponseWriter, req *http.Request) {
	var ev event
	if err := json.NewDecoder(req.Body).Decode(&ev); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	seen, err := r.processed(req.Context(), ev.ID)
	if err != nil || seen {
		return
	}
	if ok, err := r.claim(req.Context(), ev.ID); err != nil || !ok {
		return
	}
	charge(ev.ID)
}

// formSelectThenInsert reads the event id from a form: r.FormValue parses
// multipart bodies with mime.ParseMediaType, which returns a "duplicate parameter"
// error. Calling it handles no unique violation: still reported.
func formSelectThenInsert(db *sql.DB, r *http.Request) error {
	id := r.FormValue("event_id")
	var one int
	err := db.QueryRow(`SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err == nil {
		return nil
	}
	charge(id)
	_, err = db.Exec(`INSERT INTO processed_events(event_id) VALUES($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = r\.FormValue\("event_id"\) is not atomic`
	return err
}

// formInsertHandlesUniqueViolation is its twin that treats 23505 as already
// processed: not reported.
func formInsertHandlesUniqueViolation(db *sql.DB, r *http.Request) error {
	id := r.FormValue("event_id")
	var one int
	err := db.QueryRow(`SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err == nil {
		return nil
	}
	_, err = db.Exec(`INSERT INTO processed_events(event_id) VALUES($1)`, id)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil
	}
	charge(id)
	return err
}
