// Package migrate applies schema migrations and seeds reference data.
package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
)

// Migration is one schema step.
type Migration struct {
	Version int
	SQL     string
}

const lockID = 7_405_221

// Up applies pending migrations while holding a session advisory lock, so replicas
// starting together apply each step once.
func Up(ctx context.Context, db *sql.DB, steps []Migration) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockID)

	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL)`); err != nil {
		return err
	}
	for _, m := range steps {
		var n int
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, m.Version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		slog.Info("migrate: applying", "version", m.Version)
		if _, err := conn.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("migration %d: %w", m.Version, err)
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())`, m.Version); err != nil {
			return err
		}
	}
	return nil
}

// Plan is a billing plan seeded at startup.
type Plan struct {
	Code       string
	Name       string
	PriceCents int64
}

// SeedPlans inserts the default plans that are missing; every replica runs it on boot.
func SeedPlans(ctx context.Context, db *sql.DB, plans []Plan) error {
	for _, p := range plans {
		var id int64
		err := db.QueryRowContext(ctx, `SELECT id FROM plans WHERE code = $1`, p.Code).Scan(&id)
		if err == nil {
			continue
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO plans (code, name, price_cents) VALUES ($1, $2, $3)`, p.Code, p.Name, p.PriceCents); err != nil { // BUG: checkthenact
			return err
		}
	}
	return nil
}

// SeedFlags inserts default feature flags, leaving existing rows alone.
func SeedFlags(ctx context.Context, db *sql.DB, defaults map[string]bool) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, lockID+1); err != nil {
		return err
	}
	for name, on := range defaults {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM feature_flags WHERE name = $1)`, name).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			if _, err := tx.ExecContext(ctx, `INSERT INTO feature_flags (name, enabled) VALUES ($1, $2)`, name, on); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}
