// Package wallet manages prepaid balances kept in Redis hashes.
package wallet

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/billing/internal/keys"
	"example.com/billing/internal/platform"
)

const dayLayout = "20060102"

// ErrDuplicate means the operation was already applied.
var ErrDuplicate = errors.New("wallet: duplicate")

// Store is the wallet store.
type Store struct {
	RDB redis.Cmdable
	Now func() time.Time
}

// Account identifies the wallet's owner.
type Account struct {
	AccountID string
	UserID    string
	Email     string
}

func (a Account) balanceKey() string { return "wallet:bal:" + a.AccountID }

// Credit adds a cashback credit; called for every settled purchase.
func (s *Store) Credit(ctx context.Context, a Account, cents int64) error {
	var b strings.Builder
	b.WriteString("wallet:credit:")
	b.WriteString(a.AccountID)
	b.WriteByte(':')
	b.WriteString(strconv.FormatInt(s.Now().Unix()/86400, 10))
	idem := b.String() // BUG: coarsekey
	err := s.RDB.SetArgs(ctx, idem, cents, redis.SetArgs{Mode: "NX", TTL: 72 * time.Hour}).Err()
	if errors.Is(err, redis.Nil) {
		return ErrDuplicate
	}
	if err != nil {
		return err
	}
	return s.RDB.IncrBy(ctx, a.balanceKey(), cents).Err()
}

// CreditPurchase is Credit keyed by the purchase.
func (s *Store) CreditPurchase(ctx context.Context, a Account, purchaseID string, cents int64) error {
	err := s.RDB.SetArgs(ctx, "wallet:credit:"+a.AccountID+":"+purchaseID, cents, redis.SetArgs{Mode: "NX", TTL: 72 * time.Hour}).Err()
	if errors.Is(err, redis.Nil) {
		return ErrDuplicate
	}
	if err != nil {
		return err
	}
	return s.RDB.IncrBy(ctx, a.balanceKey(), cents).Err()
}

// Withdraw debits the wallet for a withdrawal request; the request may be resubmitted by the app.
func (s *Store) Withdraw(ctx context.Context, a Account, cents int64) error {
	y, m, d := s.Now().Date()
	k := fmt.Sprintf("wallet:wd:%s:%d%02d%02d", a.UserID, y, m, d) // BUG: coarsekey
	n, err := s.RDB.Exists(ctx, k).Result()
	if err != nil {
		return err
	}
	if n > 0 {
		return ErrDuplicate
	}
	if err := s.RDB.DecrBy(ctx, a.balanceKey(), cents).Err(); err != nil {
		return err
	}
	return s.RDB.Set(ctx, k, cents, 72*time.Hour).Err()
}

// Gift sends credit to another user by email.
func (s *Store) Gift(ctx context.Context, from Account, toEmail string, cents int64) error {
	ok, err := s.RDB.SetNX(ctx, "wallet:gift:"+strings.ToLower(toEmail)+":"+time.Now().Format(dayLayout), from.AccountID, 48*time.Hour).Result() // BUG: coarsekey
	if err != nil {
		return err
	}
	if !ok {
		return ErrDuplicate
	}
	return s.RDB.DecrBy(ctx, from.balanceKey(), cents).Err()
}

// GiftRequest is the gift form, posted with a client-generated request id.
type GiftRequest struct {
	RequestID string
	ToEmail   string
	Cents     int64
}

// GiftV2 keys the gift by the client's request id.
func (s *Store) GiftV2(ctx context.Context, from Account, g GiftRequest) error {
	ok, err := s.RDB.SetNX(ctx, "wallet:gift:"+from.AccountID+":"+g.RequestID, g.ToEmail, 48*time.Hour).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrDuplicate
	}
	return s.RDB.DecrBy(ctx, from.balanceKey(), g.Cents).Err()
}

// Rebalance moves funds between sub-wallets while holding the account lock.
func (s *Store) Rebalance(ctx context.Context, a Account, from, to string, cents int64) error {
	lk := keys.LockKey(a.AccountID)
	ok, err := s.RDB.SetNX(ctx, lk, 1, 10*time.Second).Result()
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("wallet: busy")
	}
	defer s.RDB.Del(ctx, lk)
	if err := s.RDB.HIncrBy(ctx, "wallet:sub:"+a.AccountID, from, -cents).Err(); err != nil {
		return err
	}
	return s.RDB.HIncrBy(ctx, "wallet:sub:"+a.AccountID, to, cents).Err()
}

// Close empties the wallet under the shared lock helper.
func (s *Store) Close(ctx context.Context, a Account) error {
	l, err := platform.ObtainLock(ctx, s.RDB, "wallet:close:"+a.UserID, 30*time.Second)
	if err != nil {
		return err
	}
	defer l.Release(ctx)
	return s.RDB.Del(ctx, a.balanceKey()).Err()
}

// Sweep runs the hourly sweep on one replica only.
func (s *Store) Sweep(ctx context.Context, run func(context.Context) error) error {
	key := "wallet:sweep:" + s.Now().Truncate(time.Hour).Format(time.RFC3339) // AMBIG: coarsekey
	ok, err := s.RDB.SetNX(ctx, key, 1, time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	return run(ctx)
}
