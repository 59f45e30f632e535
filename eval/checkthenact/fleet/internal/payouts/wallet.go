// Package payouts moves money to drivers: wallet balances, instant cash-outs,
// weekly bonuses and the payout ledger.
package payouts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"

	"example.com/fleet/internal/metrics"
	"example.com/fleet/internal/platform"
)

var ErrInsufficientFunds = errors.New("insufficient funds")

// Withdraw is the instant cash-out endpoint's core.
func Withdraw(ctx context.Context, driverID string, amount int64) error {
	var balance int64
	err := platform.DB.QueryRowContext(ctx, `SELECT balance_cents FROM driver_wallets WHERE driver_id = $1`, driverID).Scan(&balance)
	if err != nil {
		slog.Error("withdraw: balance read failed", "driver_id", driverID, "err", err)
		return err
	}
	if balance < amount {
		return ErrInsufficientFunds
	}
	newBalance := balance - amount
	if _, err := platform.DB.ExecContext(ctx, `UPDATE driver_wallets SET balance_cents = $1, updated_at = now() WHERE driver_id = $2`, newBalance, driverID); err != nil { // BUG: checkthenact
		slog.Error("withdraw: balance update failed", "driver_id", driverID, "err", err)
		return err
	}
	metrics.PayoutsSent.Add(1)
	return nil
}

// WithdrawAtomic is what Withdraw should be: one conditional statement.
func WithdrawAtomic(ctx context.Context, driverID string, amount int64) error {
	var balance int64
	if err := platform.DB.QueryRowContext(ctx, `SELECT balance_cents FROM driver_wallets WHERE driver_id = $1`, driverID).Scan(&balance); err != nil {
		return err
	}
	if balance < amount {
		return ErrInsufficientFunds // cheap early reject; the UPDATE re-checks
	}
	res, err := platform.DB.ExecContext(ctx,
		`UPDATE driver_wallets SET balance_cents = balance_cents - $1, updated_at = now()
		 WHERE driver_id = $2 AND balance_cents >= $1`, amount, driverID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrInsufficientFunds
	}
	return nil
}

// WithdrawLocked reads and writes under a row lock.
func WithdrawLocked(ctx context.Context, driverID string, amount int64) error {
	tx, err := platform.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var balance int64
	if err := tx.QueryRowContext(ctx, `SELECT balance_cents FROM driver_wallets WHERE driver_id = $1 FOR UPDATE`, driverID).Scan(&balance); err != nil {
		return err
	}
	if balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := tx.ExecContext(ctx, `UPDATE driver_wallets SET balance_cents = $1 WHERE driver_id = $2`, balance-amount, driverID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO wallet_ledger (driver_id, delta_cents, kind) VALUES ($1, $2, 'withdrawal')`, driverID, -amount); err != nil {
		return err
	}
	return tx.Commit()
}

// AdjustBalance is the support-tool adjustment; runs SERIALIZABLE.
func AdjustBalance(ctx context.Context, driverID string, delta int64, note string) error {
	tx, err := platform.DB.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var balance int64
	if err := tx.QueryRowContext(ctx, `SELECT balance_cents FROM driver_wallets WHERE driver_id = $1`, driverID).Scan(&balance); err != nil {
		return fmt.Errorf("adjust: %w", err)
	}
	if balance+delta < 0 {
		return ErrInsufficientFunds
	}
	if _, err := tx.ExecContext(ctx, `UPDATE driver_wallets SET balance_cents = $1 WHERE driver_id = $2`, balance+delta, driverID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO wallet_ledger (driver_id, delta_cents, kind, note) VALUES ($1, $2, 'adjustment', $3)`, driverID, delta, note); err != nil {
		return err
	}
	return tx.Commit()
}

// OpenWallet creates the wallet row at signup; the signup flow can be retried.
func OpenWallet(ctx context.Context, driverID string) error {
	var exists bool
	if err := platform.DB.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM driver_wallets WHERE driver_id = $1)`, driverID).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err := platform.DB.ExecContext(ctx, `INSERT INTO driver_wallets (driver_id, balance_cents) VALUES ($1, 0) ON CONFLICT (driver_id) DO NOTHING`, driverID)
	return err
}
