// Package wallet holds buyers' store credit. Top-ups come from the mobile app,
// which retries a top-up call on a flaky network.
package wallet

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/marketplace/internal/config"
)

// ErrDuplicate says the top-up was already applied.
var ErrDuplicate = errors.New("duplicate top-up")

// Wallet is the store-credit service.
type Wallet struct {
	rdb redis.Cmdable
}

// New returns a wallet.
func New(rdb redis.Cmdable) *Wallet { return &Wallet{rdb: rdb} }

// TopUp credits amount to the user's wallet once.
func (w *Wallet) TopUp(ctx context.Context, userID string, cents int64) error {
	key := fmt.Sprintf("dedup:topup:%s:%s", userID, time.Now().UTC().Format("2006-01-02")) // BUG: coarsekey
	ok, err := w.rdb.SetNX(ctx, key, 1, config.DedupWindow).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrDuplicate
	}
	return w.rdb.IncrBy(ctx, "wallet:"+userID, cents).Err()
}

// TopUpWithKey credits amount once per client-supplied top-up id.
func (w *Wallet) TopUpWithKey(ctx context.Context, userID, topUpID string, cents int64) error {
	ok, err := w.rdb.SetNX(ctx, "dedup:topup:"+userID+":"+topUpID, 1, config.DedupWindow).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrDuplicate
	}
	return w.rdb.IncrBy(ctx, "wallet:"+userID, cents).Err()
}

// Withdraw takes credit out under a lock on the wallet.
func (w *Wallet) Withdraw(ctx context.Context, userID string, cents int64) error {
	lockKey := "lock:wallet:" + userID
	ok, err := w.rdb.SetNX(ctx, lockKey, 1, config.LockTTL).Result()
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("wallet busy")
	}
	defer w.rdb.Del(ctx, lockKey)
	bal, err := w.rdb.Get(ctx, "wallet:"+userID).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if bal < cents {
		return errors.New("insufficient credit")
	}
	return w.rdb.Set(ctx, "wallet:"+userID, bal-cents, 0).Err()
}

// MonthlyStatement is a clock-only marker for the statement cron.
func (w *Wallet) MonthlyStatement(ctx context.Context) (bool, error) {
	return w.rdb.SetNX(ctx, "cron:done:statement:"+time.Now().Format("2006-01"), 1, 40*24*time.Hour).Result()
}
