package ctahelpers

import (
	"context"
	"database/sql"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

// InTx runs fn in a transaction at the level the caller asks for.
func InTx(ctx context.Context, db *sql.DB, level sql.IsolationLevel, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: level})
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// claimSerializableLevel asks InTx for a serializable transaction.
func claimSerializableLevel(ctx context.Context, db *sql.DB, id string) error {
	return InTx(ctx, db, sql.LevelSerializable, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM claims WHERE id = $1`, id).Scan(&n); err != nil || n > 0 {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO claims (id) VALUES ($1)`, id)
		return err
	})
}

// claimReadCommittedLevel asks for read committed: both inserts pass the check.
func claimReadCommittedLevel(ctx context.Context, db *sql.DB, id string) error {
	return InTx(ctx, db, sql.LevelReadCommitted, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM claims WHERE id = $1`, id).Scan(&n); err != nil || n > 0 {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO claims (id) VALUES ($1)`, id) // want `SELECT then INSERT of claims.id = id is not atomic`
		return err
	})
}

// pgxBeginTxFunc runs the check and insert in pgx's serializable transaction helper.
func pgxBeginTxFunc(ctx context.Context, pool *pgxpool.Pool, id string) error {
	return pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM claims WHERE id = $1`, id).Scan(&n); err != nil || n > 0 {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO claims (id) VALUES ($1)`, id)
		return err
	})
}

// pgxBeginTxFuncDefault uses the default isolation: a race.
func pgxBeginTxFuncDefault(ctx context.Context, pool *pgxpool.Pool, id string) error {
	return pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM claims WHERE id = $1`, id).Scan(&n); err != nil || n > 0 {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO claims (id) VALUES ($1)`, id) // want `SELECT then INSERT of claims.id = id is not atomic`
		return err
	})
}

type SpinLock struct{ rdb redis.UniversalClient }

// WithLock runs fn while it holds a SET NX lock on name.
func (l *SpinLock) WithLock(ctx context.Context, name string, fn func() error) error {
	if !l.rdb.SetNX(ctx, "lk:"+name, 1, 30*time.Second).Val() {
		return nil
	}
	defer l.rdb.Del(ctx, "lk:"+name)
	return fn()
}

// underSetNXLock checks and acts inside the closure the SET NX lock helper runs.
func underSetNXLock(ctx context.Context, l *SpinLock, rdb redis.UniversalClient, id string) error {
	return l.WithLock(ctx, id, func() error {
		if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
			return nil
		}
		charge(id)
		return rdb.Set(ctx, "evt:"+id, 1, 24*time.Hour).Err()
	})
}

// workerLoop skips processed jobs with a compound condition and continue.
func workerLoop(ctx context.Context, rdb redis.UniversalClient, jobs <-chan string) {
	for id := range jobs {
		done, err := rdb.Get(ctx, "job:done:"+id).Result()
		if err == nil && done == "1" {
			continue
		}
		charge(id)
		rdb.Set(ctx, "job:done:"+id, "1", 24*time.Hour) // want `GET then SET of "job:done:"\+\w+ is not atomic`
	}
}

// workerLoopClaim claims each job first.
func workerLoopClaim(ctx context.Context, rdb redis.UniversalClient, jobs <-chan string) {
	for id := range jobs {
		if !rdb.SetNX(ctx, "job:done:"+id, "1", 24*time.Hour).Val() {
			continue
		}
		charge(id)
	}
}
