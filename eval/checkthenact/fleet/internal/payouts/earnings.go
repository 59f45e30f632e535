package payouts

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"example.com/fleet/internal/platform"
	"example.com/fleet/internal/util/dberr"
)

// CreditTrip adds a completed trip's fare to the driver's pending earnings.
func CreditTrip(ctx context.Context, driverID string, fareCents int64) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var pending int64
	err := platform.PG.QueryRow(ctx, `SELECT pending_cents FROM driver_earnings WHERE driver_id = $1`, driverID).Scan(&pending)
	if errors.Is(err, pgx.ErrNoRows) {
		_, err = platform.PG.Exec(ctx, `INSERT INTO driver_earnings (driver_id, pending_cents) VALUES ($1, $2) ON CONFLICT (driver_id) DO UPDATE SET pending_cents = driver_earnings.pending_cents + EXCLUDED.pending_cents`, driverID, fareCents)
		return err
	}
	if err != nil {
		slog.Error("credit: read failed", "driver_id", driverID, "err", err)
		return err
	}
	pending += fareCents
	_, err = platform.PG.Exec(ctx, `UPDATE driver_earnings SET pending_cents = $1 WHERE driver_id = $2`, pending, driverID) // BUG: checkthenact
	return err
}

// CreditTripSafe is the version the cancellation-fee path uses.
func CreditTripSafe(ctx context.Context, driverID string, cents int64) error {
	_, err := platform.PG.Exec(ctx,
		`INSERT INTO driver_earnings (driver_id, pending_cents) VALUES ($1, $2)
		 ON CONFLICT (driver_id) DO UPDATE SET pending_cents = driver_earnings.pending_cents + EXCLUDED.pending_cents`,
		driverID, cents)
	return err
}

// GrantWeeklyBonus pays the "50 trips a week" bonus. Called from the cron job
// and, since last sprint, also from the trip-completed consumer.
func GrantWeeklyBonus(ctx context.Context, driverID, week string, cents int64) error {
	var already bool
	if err := platform.PG.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM driver_bonuses WHERE driver_id = $1 AND week = $2)`, driverID, week).Scan(&already); err != nil {
		return err
	}
	if already {
		return nil
	}
	if _, err := platform.PG.Exec(ctx, `INSERT INTO driver_bonuses (driver_id, week, amount_cents) VALUES ($1, $2, $3)`, driverID, week, cents); err != nil { // BUG: checkthenact
		return err
	}
	return CreditTripSafe(ctx, driverID, cents)
}

// GrantWeeklyBonusLocked serialises per driver with an advisory lock.
func GrantWeeklyBonusLocked(ctx context.Context, driverID, week string, cents int64) error {
	tx, err := platform.PG.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, driverID); err != nil {
		return err
	}
	var already bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM driver_bonuses WHERE driver_id = $1 AND week = $2)`, driverID, week).Scan(&already); err != nil {
		return err
	}
	if already {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO driver_bonuses (driver_id, week, amount_cents) VALUES ($1, $2, $3)`, driverID, week, cents); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE driver_earnings SET pending_cents = pending_cents + $1 WHERE driver_id = $2`, cents, driverID); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// RecordPayout writes the payout ledger row before calling the bank.
// payout_ref is UNIQUE; a duplicate means another worker already has it.
func RecordPayout(ctx context.Context, payoutRef, driverID string, cents int64) (bool, error) {
	var n int
	if err := platform.PG.QueryRow(ctx, `SELECT count(*) FROM payout_ledger WHERE payout_ref = $1`, payoutRef).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	_, err := platform.PG.Exec(ctx, `INSERT INTO payout_ledger (payout_ref, driver_id, amount_cents, status) VALUES ($1, $2, $3, 'pending')`, payoutRef, driverID, cents)
	if err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23505" {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

// RecordBonusPayout is the same thing with the shared helper.
func RecordBonusPayout(ctx context.Context, payoutRef, driverID string, cents int64) (bool, error) {
	var exists bool
	if err := platform.PG.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM payout_ledger WHERE payout_ref = $1)`, payoutRef).Scan(&exists); err != nil {
		return false, err
	}
	if exists {
		return false, nil
	}
	if _, err := platform.PG.Exec(ctx, `INSERT INTO payout_ledger (payout_ref, driver_id, amount_cents, status) VALUES ($1, $2, $3, 'pending')`, payoutRef, driverID, cents); err != nil {
		if dberr.IsUniqueViolation(err) {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

// SettleWeek moves pending earnings to the wallet in one SERIALIZABLE tx.
func SettleWeek(ctx context.Context, driverID string) error {
	tx, err := platform.PG.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var pending int64
	if err := tx.QueryRow(ctx, `SELECT pending_cents FROM driver_earnings WHERE driver_id = $1`, driverID).Scan(&pending); err != nil {
		return err
	}
	if pending == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE driver_earnings SET pending_cents = $1, settled_cents = settled_cents + $2 WHERE driver_id = $3`, int64(0), pending, driverID); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// ApplyTip adds a rider tip to the driver's pending earnings. Runs in a plain
// (read committed) transaction "so it's atomic".
func ApplyTip(ctx context.Context, driverID string, tipCents int64) error {
	tx, err := platform.PG.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var pending int64
	if err := tx.QueryRow(ctx, `SELECT pending_cents FROM driver_earnings WHERE driver_id = $1`, driverID).Scan(&pending); err != nil {
		slog.Error("tip: read failed", "driver_id", driverID, "err", err)
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE driver_earnings SET pending_cents = $1 WHERE driver_id = $2`, pending+tipCents, driverID); err != nil { // BUG: checkthenact
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO tips (driver_id, amount_cents) VALUES ($1, $2)`, driverID, tipCents); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
