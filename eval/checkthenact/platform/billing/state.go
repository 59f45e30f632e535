package billing

import (
	"context"
	"errors"
	"time"

	"github.com/go-redsync/redsync/v4"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
	"example.com/platform/internal/kv"
)

// CachedSubscription is cache-aside through the typed wrapper.
func (h *Webhooks) CachedSubscription(ctx context.Context, id string, load func(context.Context, string) (Subscription, error)) (Subscription, error) {
	if s, ok := h.subs.Load(ctx, id); ok {
		return s, nil
	}
	s, err := load(ctx, id)
	if err != nil {
		return s, err
	}
	_ = h.subs.Save(ctx, id, s, 5*time.Minute)
	return s, nil
}

// UpgradePlan reads the cached subscription, changes the plan, writes it back:
// two concurrent plan changes lose one.
func (h *Webhooks) UpgradePlan(ctx context.Context, id, plan string) error {
	s, ok := h.subs.Load(ctx, id)
	if !ok {
		return errors.New("unknown subscription")
	}
	s.Plan = plan
	return h.subs.Save(ctx, id, s, 0) // BUG: checkthenact
}

// PlanPrice is cache-aside through the untyped wrapper.
func PlanPrice(ctx context.Context, store *kv.Store, plan string, load func(string) (string, error)) (string, error) {
	key := "price:" + plan
	if v, ok, err := store.GetString(ctx, key); err == nil && ok {
		return v, nil
	}
	v, err := load(plan)
	if err != nil {
		return "", err
	}
	_ = store.Put(ctx, key, v, time.Hour)
	return v, nil
}

// RecordLogin only bails out on a Redis error; whether the key exists does
// not decide anything, the write happens either way.
func RecordLogin(ctx context.Context, rdb *redis.Client, userID string) error {
	key := "login:last:" + userID
	if err := rdb.Get(ctx, key).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return rdb.Set(ctx, key, time.Now().Unix(), 0).Err()
}

// TouchStatus reads a status field and writes a different field of the hash.
func TouchStatus(ctx context.Context, rdb *redis.Client, subID string) {
	key := "sub:h:" + subID
	if st, _ := rdb.HGet(ctx, key, "status").Result(); st == "active" {
		rdb.HSet(ctx, key, "last_seen", time.Now().Unix())
	}
}

// ActivateOnce reads a field and writes the same field: two deliveries both
// see "pending" and both send the welcome mail.
func ActivateOnce(ctx context.Context, rdb *redis.Client, subID, email string) error {
	key := "sub:h:" + subID
	st, err := rdb.HGet(ctx, key, "status").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if st == "active" {
		return nil
	}
	if err := effects.SendEmail(ctx, email, "welcome"); err != nil {
		return err
	}
	return rdb.HSet(ctx, key, "status", "active").Err() // BUG: checkthenact
}

// WatchWithClientRead watches the key and reads it through the client: the
// EXEC still aborts if the key changed after WATCH.
func WatchWithClientRead(ctx context.Context, rdb *redis.Client, subID string) error {
	key := "sub:renewals:" + subID
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := rdb.Get(ctx, key).Int()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)
}

// ClaimWithSetGet claims with SET ... GET (the GETSET form of SetArgs).
func ClaimWithSetGet(ctx context.Context, rdb *redis.Client, eventID string) (bool, error) {
	key := "billing:evt:" + eventID
	if rdb.Exists(ctx, key).Val() > 0 {
		return false, nil
	}
	old, err := rdb.SetArgs(ctx, key, "1", redis.SetArgs{Get: true, TTL: 7 * 24 * time.Hour}).Result()
	if errors.Is(err, redis.Nil) {
		return true, nil
	}
	return old == "", err
}

// BumpVersionCAS increments a version with SET ... IFEQ (compare-and-set).
func BumpVersionCAS(ctx context.Context, rdb *redis.Client, subID string) error {
	key := "sub:version:" + subID
	cur, err := rdb.Get(ctx, key).Result()
	if err != nil {
		return err
	}
	next := cur + "+"
	return rdb.SetArgs(ctx, key, next, redis.SetArgs{Mode: "IFEQ", MatchValue: cur}).Err() // AMBIG: checkthenact (correct: atomic compare-and-set; README lists SetArgs without NX as an act)
}

// RenewWithTryLock ignores the TryLock error and goes on without the lock.
func RenewWithTryLock(ctx context.Context, rs *redsync.Redsync, rdb *redis.Client, subID, email string) error {
	m := rs.NewMutex("lock:renew:" + subID)
	_ = m.TryLockContext(ctx)
	defer m.UnlockContext(ctx)
	key := "renewed:" + subID + ":" + time.Now().Format("2006-01")
	if rdb.Exists(ctx, key).Val() > 0 {
		return nil
	}
	_ = effects.SendEmail(ctx, email, "renewed")
	return rdb.Set(ctx, key, "1", 40*24*time.Hour).Err() // BUG: checkthenact
}
