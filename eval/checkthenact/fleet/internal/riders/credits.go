// Package riders: promo credits and referral rewards (MySQL billing DB).
package riders

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"example.com/fleet/internal/platform"
)

// RedeemCredits applies up to fare cents of promo credit and returns what was used.
func RedeemCredits(ctx context.Context, riderID string, fareCents int64) (int64, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var credits int64
	err := platform.MyDB.QueryRowContext(ctx, "SELECT credits_cents FROM rider_credits WHERE rider_id = ?", riderID).Scan(&credits)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		slog.Error("redeem: read failed", "rider_id", riderID, "err", err)
		return 0, err
	}
	used := min(credits, fareCents)
	if used == 0 {
		return 0, nil
	}
	if _, err := platform.MyDB.ExecContext(ctx, "UPDATE rider_credits SET credits_cents = ? WHERE rider_id = ?", credits-used, riderID); err != nil { // BUG: checkthenact
		return 0, err
	}
	return used, nil
}

// RedeemCreditsAtomic decrements in SQL.
func RedeemCreditsAtomic(ctx context.Context, riderID string, cents int64) (bool, error) {
	res, err := platform.MyDB.ExecContext(ctx, "UPDATE rider_credits SET credits_cents = credits_cents - ? WHERE rider_id = ? AND credits_cents >= ?", cents, riderID, cents)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// GrantReferral gives the referrer a reward once per referred rider.
func GrantReferral(ctx context.Context, referrerID, referredID string) error {
	var n int
	if err := platform.MyDB.QueryRowContext(ctx, "SELECT COUNT(*) FROM referral_rewards WHERE referred_id = ?", referredID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	res, err := platform.MyDB.ExecContext(ctx, "INSERT IGNORE INTO referral_rewards (referred_id, referrer_id, amount_cents) VALUES (?, ?, 1000)", referredID, referrerID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	_, err = platform.MyDB.ExecContext(ctx, "UPDATE rider_credits SET credits_cents = credits_cents + 1000 WHERE rider_id = ?", referrerID)
	return err
}

// LastSeen records app activity; the read only picks the log line.
func LastSeen(ctx context.Context, riderID string) {
	var prev sql.NullTime
	_ = platform.MyDB.QueryRowContext(ctx, "SELECT last_seen FROM rider_activity WHERE rider_id = ?", riderID).Scan(&prev)
	if !prev.Valid {
		slog.Info("first activity", "rider_id", riderID)
	}
	if _, err := platform.MyDB.ExecContext(ctx, "INSERT INTO rider_activity (rider_id, last_seen) VALUES (?, NOW()) ON DUPLICATE KEY UPDATE last_seen = NOW()", riderID); err != nil {
		slog.Warn("last seen write failed", "err", err)
	}
}
