package payouts

import (
	"context"
	"database/sql"
	"log/slog"

	"github.com/jackc/pgx/v5"

	"example.com/fleet/internal/platform"
)

// LedgerEntry is a row of the instant-payout ledger.
type LedgerEntry struct {
	Ref      string
	DriverID string
	Cents    int64
}

// LedgerRepo is the repository the instant-payout service uses.
type LedgerRepo struct{ db *sql.DB }

func NewLedgerRepo() *LedgerRepo { return &LedgerRepo{db: platform.DB} }

func (r *LedgerRepo) Exists(ctx context.Context, ref string) (bool, error) {
	var ok bool
	err := r.db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM instant_payouts WHERE ref = $1)`, ref).Scan(&ok)
	return ok, err
}

func (r *LedgerRepo) Insert(ctx context.Context, e LedgerEntry) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO instant_payouts (ref, driver_id, amount_cents) VALUES ($1, $2, $3)`, e.Ref, e.DriverID, e.Cents)
	return err
}

func (r *LedgerRepo) InsertOnce(ctx context.Context, e LedgerEntry) (bool, error) {
	res, err := r.db.ExecContext(ctx, `INSERT INTO instant_payouts (ref, driver_id, amount_cents) VALUES ($1, $2, $3) ON CONFLICT (ref) DO NOTHING`, e.Ref, e.DriverID, e.Cents)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// InstantPayout is the cash-out request handler's core.
func InstantPayout(ctx context.Context, repo *LedgerRepo, ref, driverID string, cents int64) error {
	seen, err := repo.Exists(ctx, ref)
	if err != nil {
		return err
	}
	if seen {
		slog.Info("instant payout already recorded", "ref", ref)
		return nil
	}
	if err := repo.Insert(ctx, LedgerEntry{Ref: ref, DriverID: driverID, Cents: cents}); err != nil { // BUG: checkthenact
		return err
	}
	return bankTransfer(ctx, ref, driverID, cents)
}

// InstantPayoutV2 claims the ref.
func InstantPayoutV2(ctx context.Context, repo *LedgerRepo, ref, driverID string, cents int64) error {
	if seen, _ := repo.Exists(ctx, ref); seen {
		return nil
	}
	first, err := repo.InsertOnce(ctx, LedgerEntry{Ref: ref, DriverID: driverID, Cents: cents})
	if err != nil || !first {
		return err
	}
	return bankTransfer(ctx, ref, driverID, cents)
}

// RedeemReferralCode lets a new driver redeem a referral code once (pgx named args).
func RedeemReferralCode(ctx context.Context, code, driverID string) error {
	args := pgx.NamedArgs{"code": code, "driver": driverID}
	var used int
	if err := platform.PG.QueryRow(ctx, `SELECT count(*) FROM referral_redemptions WHERE code = @code`, args).Scan(&used); err != nil {
		return err
	}
	if used > 0 {
		return nil
	}
	if _, err := platform.PG.Exec(ctx, `INSERT INTO referral_redemptions (code, driver_id) VALUES (@code, @driver)`, args); err != nil { // BUG: checkthenact
		return err
	}
	return CreditTripSafe(ctx, driverID, 2500)
}

// RedeemPromoCode does it with ON CONFLICT.
func RedeemPromoCode(ctx context.Context, code, driverID string) error {
	args := pgx.NamedArgs{"code": code, "driver": driverID}
	var used int
	if err := platform.PG.QueryRow(ctx, `SELECT count(*) FROM promo_redemptions WHERE code = @code`, args).Scan(&used); err != nil {
		return err
	}
	if used > 0 {
		return nil
	}
	tag, err := platform.PG.Exec(ctx, `INSERT INTO promo_redemptions (code, driver_id) VALUES (@code, @driver) ON CONFLICT (code) DO NOTHING`, args)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return nil
	}
	return CreditTripSafe(ctx, driverID, 2500)
}
