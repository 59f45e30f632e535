package ctasql

import (
	"context"
	"database/sql"
)

// debitSelfRelative lets the database compute the new balance: atomic.
func debitSelfRelative(ctx context.Context, tx *sql.Tx, acct string, amount int64) (int64, error) {
	var bal int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1`, acct).Scan(&bal); err != nil {
		return 0, err
	}
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2`, amount, acct)
	return bal - amount, err
}

// debitOptimistic compares the version it read: only one of two racers matches.
func debitOptimistic(ctx context.Context, tx *sql.Tx, acct string, amount int64) (int64, error) {
	var bal, version int64
	if err := tx.QueryRowContext(ctx, `SELECT balance, version FROM accounts WHERE id = $1`, acct).Scan(&bal, &version); err != nil {
		return 0, err
	}
	newBal := bal - amount
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1, version = version + 1 WHERE id = $2 AND version = $3`, newBal, acct, version)
	return newBal, err
}

// debitForUpdate locks the existing row before reading it.
func debitForUpdate(ctx context.Context, tx *sql.Tx, acct string, amount int64) (int64, error) {
	var bal int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, acct).Scan(&bal); err != nil {
		return 0, err
	}
	newBal := bal - amount
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, newBal, acct)
	return newBal, err
}

// debitOtherAccount reads one account and overwrites another (a transfer's target).
func debitOtherAccount(ctx context.Context, tx *sql.Tx, from, to string, amount int64) error {
	var bal int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1`, from).Scan(&bal); err != nil {
		return err
	}
	if bal < amount {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, amount, to)
	return err
}

// mysqlDebitSelfRelative is the ? placeholder self-relative UPDATE.
func mysqlDebitSelfRelative(db *sql.DB, acct string, amount int64) (int64, error) {
	var bal int64
	if err := db.QueryRow("SELECT balance FROM accounts WHERE id = ?", acct).Scan(&bal); err != nil {
		return 0, err
	}
	_, err := db.Exec("UPDATE accounts SET balance = balance - ? WHERE id = ?", amount, acct)
	return bal - amount, err
}
