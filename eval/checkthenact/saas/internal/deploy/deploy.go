// Package deploy coordinates one-off tasks that run when a release rolls out.
package deploy

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

// Coordinator runs per-release tasks once across replicas.
type Coordinator struct {
	rdb  redis.UniversalClient
	pool *pgxpool.Pool
	db   *sql.DB
}

// New returns a Coordinator.
func New(rdb redis.UniversalClient, pool *pgxpool.Pool, db *sql.DB) *Coordinator {
	return &Coordinator{rdb: rdb, pool: pool, db: db}
}

// FirstReplica reports whether this replica is the first to start release; GETSET
// returns the previous holder atomically.
func (c *Coordinator) FirstReplica(ctx context.Context, release, host string) (bool, error) {
	k := "release:first:" + release
	if c.rdb.Exists(ctx, k).Val() == 1 {
		return false, nil
	}
	_, err := c.rdb.GetSet(ctx, k, host).Result()
	if errors.Is(err, redis.Nil) {
		return true, nil
	}
	return false, err
}

// WarmCaches runs once per release, claimed with SET NX EX.
func (c *Coordinator) WarmCaches(ctx context.Context, release string, warm func(context.Context) error) error {
	k := "release:warmed:" + release
	if v, err := c.rdb.Get(ctx, k).Result(); err == nil && v != "" {
		return nil
	}
	ok, err := c.rdb.SetNX(ctx, k, time.Now().Format(time.RFC3339), 7*24*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	return warm(ctx)
}

// lockRelease locks the release row for the rest of the transaction.
func lockRelease(ctx context.Context, tx pgx.Tx, release string) error {
	var id int64
	return tx.QueryRow(ctx, `SELECT id FROM releases WHERE name = $1 FOR UPDATE`, release).Scan(&id)
}

// RecordTask records that a release task ran, with the parent release row locked.
func (c *Coordinator) RecordTask(ctx context.Context, release, task string, run func(context.Context) error) error {
	return pgx.BeginFunc(ctx, c.pool, func(tx pgx.Tx) error {
		if err := lockRelease(ctx, tx, release); err != nil {
			return err
		}
		var done bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM release_tasks WHERE release = $1 AND task = $2)`, release, task).Scan(&done); err != nil {
			return err
		}
		if done {
			return nil
		}
		if err := run(ctx); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO release_tasks (release, task, ran_at) VALUES ($1, $2, now())`, release, task)
		return err
	})
}

// Announce writes the release note once, keyed by name; a prepared statement does the upsert.
func (c *Coordinator) Announce(ctx context.Context, release, note string) error {
	st, err := c.db.PrepareContext(ctx, `INSERT INTO announcements (release, note) VALUES ($1, $2) ON CONFLICT (release) DO NOTHING`)
	if err != nil {
		return err
	}
	defer st.Close()
	var exists bool
	if err := c.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM announcements WHERE release = $1)`, release).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = st.ExecContext(ctx, release, note)
	return err
}

// Stamp records the deploy time of release for the changelog, with named args.
func (c *Coordinator) Stamp(ctx context.Context, release string) error {
	var deployed *time.Time
	err := c.pool.QueryRow(ctx, `SELECT deployed_at FROM releases WHERE name = @name`, pgx.NamedArgs{"name": release}).Scan(&deployed)
	if err != nil {
		return err
	}
	if deployed != nil {
		return nil
	}
	_, err = c.pool.Exec(ctx, `UPDATE releases SET deployed_at = now() WHERE name = @name AND deployed_at IS NULL`, pgx.NamedArgs{"name": release})
	return err
}

// Counters bumps the per-release request counter with a TTL, in one MULTI.
func (c *Coordinator) Counters(ctx context.Context, release string) error {
	_, err := c.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Incr(ctx, "release:reqs:"+release)
		p.Expire(ctx, "release:reqs:"+release, 30*24*time.Hour)
		return nil
	})
	return err
}

// Permissions checks several roles at once (read-only).
func (c *Coordinator) Permissions(ctx context.Context, user string, roles ...string) ([]bool, error) {
	members := make([]any, len(roles))
	for i, r := range roles {
		members[i] = r
	}
	return c.rdb.SMIsMember(ctx, "roles:"+user, members...).Result()
}
