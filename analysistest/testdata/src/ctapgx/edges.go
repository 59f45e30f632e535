// Edge cases: SELECT EXISTS(...), Scan into a local feeding an UPDATE, serializable
// transactions, package-level sqlx functions and sqlx prepared statements.
package ctapgx

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

// poolSelectExistsThenInsert scans SELECT EXISTS into a bool on the pool.
func poolSelectExistsThenInsert(ctx context.Context, pool *pgxpool.Pool, id string) error {
	var seen bool
	if err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = $1)`, id).Scan(&seen); err != nil {
		return err
	}
	if seen {
		return nil
	}
	charge(id)
	_, err := pool.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}

// poolCreditReadModifyWrite writes a balance computed from the one it read.
func poolCreditReadModifyWrite(ctx context.Context, pool *pgxpool.Pool, acct string, amount int64) error {
	var bal int64
	if err := pool.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, acct).Scan(&bal); err != nil {
		return err
	}
	_, err := pool.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, bal+amount, acct) // want `read-modify-write of accounts\.id = acct`
	return err
}

// sqlxTxSerializable is sqlxTx in a serializable transaction.
func sqlxTxSerializable(ctx context.Context, db *sqlx.DB, id string) error {
	tx := db.MustBeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	defer tx.Rollback()
	var one int
	if err := tx.GetContext(ctx, &one, `SELECT 1 FROM processed_events WHERE event_id = ?`, id); err != sql.ErrNoRows {
		return err
	}
	charge(id)
	tx.MustExecContext(ctx, `INSERT INTO processed_events (event_id) VALUES (?)`, id)
	return tx.Commit()
}

// sqlxPackageFuncs uses the package-level sqlx.Get and sqlx.MustExec.
func sqlxPackageFuncs(db *sqlx.DB, id string) {
	var one int
	if err := sqlx.Get(db, &one, `SELECT 1 FROM processed_events WHERE event_id = $1`, id); err != sql.ErrNoRows {
		return
	}
	charge(id)
	sqlx.MustExec(db, `INSERT INTO processed_events (event_id) VALUES ($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
}

// sqlxPreparedStmts uses sqlx.Stmt from Preparex for both statements.
func sqlxPreparedStmts(db *sqlx.DB, id string) error {
	sel, err := db.Preparex(`SELECT 1 FROM processed_events WHERE event_id = $1`)
	if err != nil {
		return err
	}
	ins, err := db.Preparex(`INSERT INTO processed_events (event_id) VALUES ($1)`)
	if err != nil {
		return err
	}
	var one int
	if err := sel.Get(&one, id); err != sql.ErrNoRows {
		return err
	}
	charge(id)
	ins.MustExec(id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return nil
}
