// Package ckdup holds coarsekey cases of claims and checks whose "already
// there" answer the function returns as a duplicate: the code says the key
// identifies one operation even when its prefix says nothing.
package ckdup

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

var (
	ErrDuplicate = errors.New("wallet: duplicate")
	ErrBusy      = errors.New("wallet: busy")
)

type Wallet struct{ rdb *redis.Client }

// positive: a failed claim of the account and the day is a duplicate.
func (w *Wallet) Credit(ctx context.Context, accountID string, cents int64) error {
	ok, err := w.rdb.SetNX(ctx, "wallet:credit:"+accountID+":"+time.Now().Format("20060102"), cents, 72*time.Hour).Result() // want `dedup key .* is built only from the account id and the calendar day`
	if err != nil {
		return err
	}
	if !ok {
		return ErrDuplicate
	}
	return w.rdb.IncrBy(ctx, "wallet:bal:"+accountID, cents).Err()
}

// negative twin: the failed claim is answered as busy (a once-per-day job's
// guard), not as a duplicate.
func (w *Wallet) Sweep(ctx context.Context, accountID string, cents int64) error {
	ok, err := w.rdb.SetNX(ctx, "wallet:sweep:"+accountID+":"+time.Now().Format("20060102"), cents, 72*time.Hour).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrBusy
	}
	return w.rdb.IncrBy(ctx, "wallet:bal:"+accountID, cents).Err()
}

// positive: a check of the user and the day answered as a duplicate, then a
// write of the amount (no constant marker).
func (w *Wallet) Withdraw(ctx context.Context, userID string, cents int64) error {
	k := "wallet:wd:" + userID + ":" + time.Now().Format("20060102") // want `dedup key "wallet:wd:".* is built only from the user id and the calendar day`
	n, err := w.rdb.Exists(ctx, k).Result()
	if err != nil {
		return err
	}
	if n > 0 {
		return errors.New("duplicate withdrawal")
	}
	if err := w.rdb.DecrBy(ctx, "wallet:bal:"+userID, cents).Err(); err != nil {
		return err
	}
	return w.rdb.Set(ctx, k, cents, 72*time.Hour).Err()
}

// negative twin: the same check answered with the value kept there (a cache).
func (w *Wallet) Limit(ctx context.Context, userID string) (int64, error) {
	k := "wallet:wd:" + userID + ":" + time.Now().Format("20060102")
	n, err := w.rdb.Exists(ctx, k).Result()
	if err != nil {
		return 0, err
	}
	if n > 0 {
		return n, ErrBusy
	}
	return 0, nil
}
