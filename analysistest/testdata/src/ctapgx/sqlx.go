package ctapgx

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jmoiron/sqlx"
)

// sqlxGetThenMustExec uses DB.Get and DB.MustExec.
func sqlxGetThenMustExec(db *sqlx.DB, id string) {
	var one int
	if err := db.Get(&one, `SELECT 1 FROM processed_events WHERE event_id = $1`, id); err != sql.ErrNoRows {
		return
	}
	charge(id)
	db.MustExec(`INSERT INTO processed_events (event_id) VALUES ($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
}

// sqlxGetThenMustExecOtherArg checks the event id but records the delivery id.
func sqlxGetThenMustExecOtherArg(db *sqlx.DB, id, deliveryID string) {
	var one int
	if err := db.Get(&one, `SELECT 1 FROM processed_events WHERE event_id = $1`, id); err != sql.ErrNoRows {
		return
	}
	charge(id)
	db.MustExec(`INSERT INTO processed_events (event_id) VALUES ($1)`, deliveryID)
}

// sqlxGetContextThenExec uses GetContext and the embedded *sql.DB's ExecContext.
func sqlxGetContextThenExec(ctx context.Context, db *sqlx.DB, id string) error {
	var one int
	err := db.GetContext(ctx, &one, `SELECT 1 FROM processed_events WHERE event_id = $1`, id)
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	charge(id)
	_, err = db.ExecContext(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}

// sqlxGetContextThenExecOnConflict is sqlxGetContextThenExec with the ON CONFLICT claim.
func sqlxGetContextThenExecOnConflict(ctx context.Context, db *sqlx.DB, id string) error {
	var one int
	err := db.GetContext(ctx, &one, `SELECT 1 FROM processed_events WHERE event_id = $1`, id)
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	res, err := db.ExecContext(ctx, `INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		charge(id)
	}
	return nil
}

// sqlxTx runs both in a sqlx.Tx from MustBegin.
func sqlxTx(db *sqlx.DB, id string) error {
	tx := db.MustBegin()
	defer tx.Rollback()
	var one int
	if err := tx.Get(&one, `SELECT 1 FROM processed_events WHERE event_id = ?`, id); err != sql.ErrNoRows {
		return err
	}
	charge(id)
	tx.MustExec(`INSERT INTO processed_events (event_id) VALUES (?)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return tx.Commit()
}

// sqlxTxInsertIgnore is sqlxTx with MySQL's INSERT IGNORE claim.
func sqlxTxInsertIgnore(db *sqlx.DB, id string) error {
	tx := db.MustBegin()
	defer tx.Rollback()
	var one int
	if err := tx.Get(&one, `SELECT 1 FROM processed_events WHERE event_id = ?`, id); err != sql.ErrNoRows {
		return err
	}
	res := tx.MustExec(`INSERT IGNORE INTO processed_events (event_id) VALUES (?)`, id)
	if n, _ := res.RowsAffected(); n == 1 {
		charge(id)
	}
	return tx.Commit()
}

// sqlxPackageFuncsOtherTable is sqlxPackageFuncs writing another table.
func sqlxPackageFuncsOtherTable(db *sqlx.DB, id string) {
	var one int
	if err := sqlx.Get(db, &one, `SELECT 1 FROM processed_events WHERE event_id = $1`, id); err != sql.ErrNoRows {
		return
	}
	charge(id)
	sqlx.MustExec(db, `INSERT INTO charges (event_id) VALUES ($1)`, id)
}
