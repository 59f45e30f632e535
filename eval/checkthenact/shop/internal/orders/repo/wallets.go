package repo

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"example.com/shop/internal/platform/txutil"
)

// WalletRepo holds customer store-credit balances.
type WalletRepo struct {
	pool *pgxpool.Pool
}

func NewWalletRepo(pool *pgxpool.Pool) *WalletRepo { return &WalletRepo{pool: pool} }

// Balance returns the balance of a user.
func (r *WalletRepo) Balance(ctx context.Context, userID string) (int64, error) {
	var cents int64
	err := r.pool.QueryRow(ctx, `SELECT balance_cents FROM wallets WHERE user_id = $1`, userID).Scan(&cents)
	return cents, err
}

// SetBalance overwrites the balance of a user.
func (r *WalletRepo) SetBalance(ctx context.Context, userID string, cents int64) error {
	_, err := r.pool.Exec(ctx, `UPDATE wallets SET balance_cents = $2, updated_at = now() WHERE user_id = $1`, userID, cents)
	return err
}

// AddBalance adds delta (possibly negative) to the balance in one statement.
func (r *WalletRepo) AddBalance(ctx context.Context, userID string, delta int64) error {
	_, err := r.pool.Exec(ctx, `UPDATE wallets SET balance_cents = balance_cents + $2, updated_at = now() WHERE user_id = $1`, userID, delta)
	return err
}

// Credit adds store credit inside a transaction (read, add, write back).
func (r *WalletRepo) Credit(ctx context.Context, userID string, amount int64) error {
	return txutil.WithTx(ctx, r.pool, func(tx pgx.Tx) error {
		var bal int64
		if err := tx.QueryRow(ctx, `SELECT balance_cents FROM wallets WHERE user_id = $1`, userID).Scan(&bal); err != nil {
			return fmt.Errorf("load wallet: %w", err)
		}
		newBal := bal + amount
		_, err := tx.Exec(ctx, `UPDATE wallets SET balance_cents = $1 WHERE user_id = $2`, newBal, userID) // BUG: checkthenact
		return err
	})
}

// CreditLocked is Credit with the row locked for the read.
func (r *WalletRepo) CreditLocked(ctx context.Context, userID string, amount int64) error {
	return txutil.WithTx(ctx, r.pool, func(tx pgx.Tx) error {
		var bal int64
		if err := tx.QueryRow(ctx, `SELECT balance_cents FROM wallets WHERE user_id = $1 FOR UPDATE`, userID).Scan(&bal); err != nil {
			return fmt.Errorf("lock wallet: %w", err)
		}
		_, err := tx.Exec(ctx, `UPDATE wallets SET balance_cents = $1 WHERE user_id = $2`, bal+amount, userID)
		return err
	})
}

// CreditSerializable is Credit in a SERIALIZABLE transaction; the caller retries 40001.
func (r *WalletRepo) CreditSerializable(ctx context.Context, userID string, amount int64) error {
	return txutil.WithSerializableTx(ctx, r.pool, func(tx pgx.Tx) error {
		var bal int64
		if err := tx.QueryRow(ctx, `SELECT balance_cents FROM wallets WHERE user_id = $1`, userID).Scan(&bal); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE wallets SET balance_cents = $1 WHERE user_id = $2`, bal+amount, userID)
		return err
	})
}

// Withdraw debits the wallet when funds suffice, using a relative update.
func (r *WalletRepo) Withdraw(ctx context.Context, userID string, amount int64) error {
	bal, err := r.Balance(ctx, userID)
	if err != nil {
		return err
	}
	if bal < amount {
		return errors.New("insufficient funds")
	}
	_, err = r.pool.Exec(ctx,
		`UPDATE wallets SET balance_cents = balance_cents - $2 WHERE user_id = $1 AND balance_cents >= $2`, userID, amount)
	return err
}

// OpenWallet creates a wallet the first time a user is seen, under an advisory lock.
func (r *WalletRepo) OpenWallet(ctx context.Context, userID string) error {
	return txutil.WithTx(ctx, r.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, userID); err != nil {
			return err
		}
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM wallets WHERE user_id = $1)`, userID).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return nil
		}
		_, err := tx.Exec(ctx, `INSERT INTO wallets (user_id, balance_cents) VALUES ($1, 0)`, userID)
		return err
	})
}

// OpenWalletRacy creates a wallet when the lookup finds none.
func (r *WalletRepo) OpenWalletRacy(ctx context.Context, userID string) error {
	var exists bool
	if err := r.pool.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM wallets WHERE user_id = $1)`, userID).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err := r.pool.Exec(ctx, `INSERT INTO wallets (user_id, balance_cents) VALUES ($1, 0)`, userID) // BUG: checkthenact
	return err
}
