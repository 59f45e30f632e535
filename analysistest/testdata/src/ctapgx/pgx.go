// Package ctapgx holds checkthenact cases for github.com/jackc/pgx/v5 (Conn, Tx,
// pgxpool.Pool) and github.com/jmoiron/sqlx.
package ctapgx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

func charge(string) {}

// connSelectThenInsert is the seed shape on *pgx.Conn with pgx.ErrNoRows.
func connSelectThenInsert(ctx context.Context, conn *pgx.Conn, id string) error {
	var one int
	err := conn.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if err == nil {
		return nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	charge(id)
	_, err = conn.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}

// connInsertOnConflict claims with ON CONFLICT DO NOTHING and RowsAffected.
func connInsertOnConflict(ctx context.Context, conn *pgx.Conn, id string) error {
	var one int
	err := conn.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	tag, err := conn.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING`, id)
	if err != nil || tag.RowsAffected() == 0 {
		return err
	}
	charge(id)
	return nil
}

// connInsertOnConflictReturning claims with ON CONFLICT DO NOTHING RETURNING.
func connInsertOnConflictReturning(ctx context.Context, conn *pgx.Conn, id string) error {
	var one int
	err := conn.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	var claimed string
	err = conn.QueryRow(ctx, `INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING event_id`, id).Scan(&claimed)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	charge(id)
	return nil
}

// txSelectThenInsert runs both in a default (READ COMMITTED) pgx.Tx.
func txSelectThenInsert(ctx context.Context, conn *pgx.Conn, id string) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var one int
	if err := tx.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one); !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	charge(id)
	if _, err := tx.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id); err != nil { // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
		return err
	}
	return tx.Commit(ctx)
}

// txSerializable is txSelectThenInsert at SERIALIZABLE.
func txSerializable(ctx context.Context, conn *pgx.Conn, id string) error {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var one int
	if err := tx.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one); !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	charge(id)
	if _, err := tx.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// txRepeatableRead is snapshot isolation in PostgreSQL: both snapshots miss the row.
func txRepeatableRead(ctx context.Context, conn *pgx.Conn, id string) error {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var one int
	if err := tx.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one); !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	charge(id)
	if _, err := tx.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id); err != nil { // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
		return err
	}
	return tx.Commit(ctx)
}

// txAdvisoryLock serialises deliveries of one id with pg_advisory_xact_lock first.
func txAdvisoryLock(ctx context.Context, pool *pgxpool.Pool, id string) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, id); err != nil {
		return err
	}
	var one int
	if err := tx.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one); !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	charge(id)
	if _, err := tx.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// poolTxSelectThenInsert is txAdvisoryLock without the lock.
func poolTxSelectThenInsert(ctx context.Context, pool *pgxpool.Pool, id string) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var one int
	if err := tx.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one); !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	charge(id)
	if _, err := tx.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id); err != nil { // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
		return err
	}
	return tx.Commit(ctx)
}

// poolSelectThenInsert uses *pgxpool.Pool directly.
func poolSelectThenInsert(ctx context.Context, pool *pgxpool.Pool, id string) error {
	var one int
	err := pool.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	charge(id)
	_, err = pool.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
	return err
}

// poolSelectThenInsertOtherTable writes an outbox row, not the processed marker.
func poolSelectThenInsertOtherTable(ctx context.Context, pool *pgxpool.Pool, id string) error {
	var one int
	err := pool.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	charge(id)
	_, err = pool.Exec(ctx, `INSERT INTO outbox (event_id) VALUES ($1)`, id)
	return err
}

// poolUniqueViolation inserts first; a 23505 from errors.As means "already processed".
func poolUniqueViolation(ctx context.Context, pool *pgxpool.Pool, id string) error {
	var one int
	err := pool.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one)
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	_, err = pool.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil
	}
	if err != nil {
		return err
	}
	charge(id)
	return nil
}

// beginFuncCallback does the check-then-act inside pgx.BeginFunc's callback.
func beginFuncCallback(ctx context.Context, conn *pgx.Conn, id string) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var one int
		if err := tx.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one); !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		charge(id)
		_, err := tx.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1)`, id) // want `SELECT then INSERT of processed_events\.event_id = id is not atomic`
		return err
	})
}

// beginFuncCallbackOnConflict is beginFuncCallback with the ON CONFLICT claim.
func beginFuncCallbackOnConflict(ctx context.Context, conn *pgx.Conn, id string) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var one int
		if err := tx.QueryRow(ctx, `SELECT 1 FROM processed_events WHERE event_id = $1`, id).Scan(&one); !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING`, id)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		charge(id)
		return nil
	})
}

// poolCreditSelfRelative lets PostgreSQL add: atomic.
func poolCreditSelfRelative(ctx context.Context, pool *pgxpool.Pool, acct string, amount int64) (int64, error) {
	var bal int64
	if err := pool.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, acct).Scan(&bal); err != nil {
		return 0, err
	}
	_, err := pool.Exec(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, amount, acct)
	return bal + amount, err
}
