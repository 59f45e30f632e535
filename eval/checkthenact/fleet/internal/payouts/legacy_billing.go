package payouts

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"example.com/fleet/internal/metrics"
	"example.com/fleet/internal/platform"
)

// bankTransfer is the (stubbed) call to the bank's transfer API.
var bankTransfer = func(ctx context.Context, ref, driverID string, cents int64) error { return nil }

// SendLegacyPayout is still used for drivers on the old billing system (MySQL).
func SendLegacyPayout(ctx context.Context, payoutRef, driverID string, cents int64) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	log := slog.With("payout_ref", payoutRef, "driver_id", driverID)

	var n int
	if err := platform.MyDB.QueryRowContext(ctx, "SELECT COUNT(*) FROM payouts WHERE payout_ref = ?", payoutRef).Scan(&n); err != nil {
		log.Error("legacy payout: count failed", "err", err)
		return err
	}
	if n > 0 {
		log.Info("legacy payout already sent")
		return nil
	}
	if err := bankTransfer(ctx, payoutRef, driverID, cents); err != nil {
		metrics.PayoutsFailed.Add(1)
		return err
	}
	if _, err := platform.MyDB.ExecContext(ctx, "INSERT INTO payouts (payout_ref, driver_id, amount_cents, sent_at) VALUES (?, ?, ?, NOW())", payoutRef, driverID, cents); err != nil { // BUG: checkthenact
		log.Error("legacy payout: insert failed (money already sent!)", "err", err)
		return err
	}
	metrics.PayoutsSent.Add(1)
	return nil
}

// SendLegacyPayoutV2 claims the ref first with INSERT IGNORE.
func SendLegacyPayoutV2(ctx context.Context, payoutRef, driverID string, cents int64) error {
	var n int
	if err := platform.MyDB.QueryRowContext(ctx, "SELECT COUNT(*) FROM payouts WHERE payout_ref = ?", payoutRef).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	res, err := platform.MyDB.ExecContext(ctx, "INSERT IGNORE INTO payouts (payout_ref, driver_id, amount_cents, sent_at) VALUES (?, ?, ?, NOW())", payoutRef, driverID, cents)
	if err != nil {
		return err
	}
	if aff, _ := res.RowsAffected(); aff == 0 {
		return nil
	}
	return bankTransfer(ctx, payoutRef, driverID, cents)
}

// UpsertPayoutMethod stores the driver's bank details.
func UpsertPayoutMethod(ctx context.Context, driverID, iban string) error {
	var cur string
	err := platform.MyDB.QueryRowContext(ctx, "SELECT iban FROM payout_methods WHERE driver_id = ?", driverID).Scan(&cur)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if cur == iban {
		return nil
	}
	_, err = platform.MyDB.ExecContext(ctx, "INSERT INTO payout_methods (driver_id, iban) VALUES (?, ?) ON DUPLICATE KEY UPDATE iban = VALUES(iban)", driverID, iban)
	return err
}

// DebitLegacyBalance takes money from the legacy balance under a row lock.
func DebitLegacyBalance(ctx context.Context, driverID string, cents int64) error {
	tx, err := platform.MyDB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var bal int64
	if err := tx.QueryRowContext(ctx, "SELECT balance_cents FROM legacy_balances WHERE driver_id = ? FOR UPDATE", driverID).Scan(&bal); err != nil {
		return err
	}
	if bal < cents {
		return ErrInsufficientFunds
	}
	if _, err := tx.ExecContext(ctx, "UPDATE legacy_balances SET balance_cents = ? WHERE driver_id = ?", bal-cents, driverID); err != nil {
		return err
	}
	return tx.Commit()
}
