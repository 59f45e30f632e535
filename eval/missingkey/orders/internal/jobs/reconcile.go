// Package jobs holds the periodic maintenance jobs of the order service.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

// Reconciler snapshots daily totals; it runs on one replica, elected by the scheduler.
type Reconciler struct {
	Pool *pgxpool.Pool
	RDB  *redis.Client
	Log  *slog.Logger
}

func (j *Reconciler) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if err := j.snapshot(ctx, now); err != nil {
				j.Log.Error("snapshot", "err", err)
			}
		}
	}
}

func (j *Reconciler) snapshot(ctx context.Context, now time.Time) error {
	var total int64
	if err := j.Pool.QueryRow(ctx, `SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE created_at >= $1`, now.Add(-24*time.Hour)).Scan(&total); err != nil {
		return err
	}
	if _, err := j.Pool.Exec(ctx, `INSERT INTO daily_totals (taken_at, total_cents) VALUES ($1, $2)`, now, total); err != nil {
		return err
	}
	return j.RDB.Incr(ctx, "jobs:reconcile:runs").Err()
}
