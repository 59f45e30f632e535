// Package ctahelpers holds locks and row locks taken by helpers, and SET ... GET.
package ctahelpers

import (
	"context"
	"database/sql"
	"time"

	"github.com/go-redsync/redsync/v4"
	"github.com/redis/go-redis/v9"
)

func charge(string) {}

type Locks struct{ rs *redsync.Redsync }

// WithLock runs fn while holding a distributed lock on key.
func (l *Locks) WithLock(ctx context.Context, key string, fn func() error) error {
	m := l.rs.NewMutex(key)
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	defer m.UnlockContext(ctx)
	return fn()
}

// Briefly takes the lock, releases it, then runs fn: fn runs unlocked.
func (l *Locks) Briefly(ctx context.Context, key string, fn func() error) error {
	m := l.rs.NewMutex(key)
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	m.UnlockContext(ctx)
	return fn()
}

// underHelperLock checks and acts inside the closure WithLock runs.
func underHelperLock(ctx context.Context, l *Locks, rdb redis.UniversalClient, id string) error {
	return l.WithLock(ctx, "lock:"+id, func() error {
		if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
			return nil
		}
		charge(id)
		return rdb.Set(ctx, "evt:"+id, 1, 24*time.Hour).Err()
	})
}

// underReleasedLock runs the same closure after the helper released the lock.
func underReleasedLock(ctx context.Context, l *Locks, rdb redis.UniversalClient, id string) error {
	return l.Briefly(ctx, "lock:"+id, func() error {
		if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
			return nil
		}
		charge(id)
		return rdb.Set(ctx, "evt:"+id, 1, 24*time.Hour).Err() // want `EXISTS then SET of "evt:"\+id is not atomic`
	})
}

// setGetClaim uses SET ... GET (the GETSET replacement): the old value says who won.
func setGetClaim(ctx context.Context, rdb redis.UniversalClient, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	old, err := rdb.SetArgs(ctx, "evt:"+id, 1, redis.SetArgs{Get: true, TTL: time.Hour}).Result()
	if err != redis.Nil || old != "" {
		return
	}
	charge(id)
}

// setArgsPlain is SetArgs without NX or GET: a blind overwrite.
func setArgsPlain(ctx context.Context, rdb redis.UniversalClient, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	charge(id)
	rdb.SetArgs(ctx, "evt:"+id, 1, redis.SetArgs{TTL: time.Hour}) // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// lockedBalance reads the balance FOR UPDATE inside the transaction it is given.
func lockedBalance(ctx context.Context, tx *sql.Tx, acct string) (int64, error) {
	var bal int64
	err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, acct).Scan(&bal)
	return bal, err
}

// debitLocked writes a value computed from a row it holds locked: safe.
func debitLocked(ctx context.Context, tx *sql.Tx, acct string, amt int64) error {
	bal, err := lockedBalance(ctx, tx, acct)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, bal-amt, acct)
	return err
}

// debitOutsideTx reads FOR UPDATE on the pool: the lock ends with the SELECT.
func debitOutsideTx(ctx context.Context, db *sql.DB, acct string, amt int64) error {
	var bal int64
	if err := db.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, acct).Scan(&bal); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, bal-amt, acct) // want `read-modify-write of accounts.id = acct \(SELECT then UPDATE\)`
	return err
}

// responseUnderSetNXLock caches an idempotent response while holding a lock taken
// with SET NX on a lock key.
func responseUnderSetNXLock(ctx context.Context, rdb redis.UniversalClient, key string, handle func() string) string {
	if !rdb.SetNX(ctx, "lock:"+key, 1, 30*time.Second).Val() {
		return ""
	}
	defer rdb.Del(ctx, "lock:"+key)
	if v, err := rdb.Get(ctx, "idem:"+key).Result(); err == nil {
		return v
	}
	v := handle()
	rdb.Set(ctx, "idem:"+key, v, 24*time.Hour)
	return v
}

// responseAfterClaimOfOther claims an unrelated marker first: no lock.
func responseAfterClaimOfOther(ctx context.Context, rdb redis.UniversalClient, key string, handle func() string) string {
	if !rdb.SetNX(ctx, "seen-client:"+key, 1, 30*time.Second).Val() {
		return ""
	}
	if v, err := rdb.Get(ctx, "idem:"+key).Result(); err == nil {
		return v
	}
	v := handle()
	rdb.Set(ctx, "idem:"+key, v, 24*time.Hour) // want `GET then SET of "idem:"\+key is not atomic`
	return v
}
