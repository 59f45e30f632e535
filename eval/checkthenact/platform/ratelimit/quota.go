package ratelimit

import (
	"context"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// Quota tracks monthly API usage per tenant in a hash.
type Quota struct {
	rdb *redis.Client
}

func NewQuota(rdb *redis.Client) *Quota { return &Quota{rdb: rdb} }

// Use adds n calls with HINCRBY.
func (q *Quota) Use(ctx context.Context, tenant, month string, n int64) (int64, error) {
	return q.rdb.HIncrBy(ctx, "quota:"+month, tenant, n).Result()
}

// UseLegacy reads the usage, adds, writes it back.
func (q *Quota) UseLegacy(ctx context.Context, tenant, month string, n int64) (int64, error) {
	raw, err := q.rdb.HGet(ctx, "quota:"+month, tenant).Result()
	if err != nil && err != redis.Nil {
		return 0, err
	}
	used, _ := strconv.ParseInt(raw, 10, 64)
	used += n
	q.rdb.HSet(ctx, "quota:"+month, tenant, used) // BUG: checkthenact
	return used, nil
}

// Credits keeps a prepaid balance; top-ups use INCRBY.
func (q *Quota) TopUp(ctx context.Context, tenant string, credits int64) (int64, error) {
	return q.rdb.IncrBy(ctx, "credits:"+tenant, credits).Result()
}

// Spend checks the balance and debits under WATCH.
func (q *Quota) Spend(ctx context.Context, tenant string, credits int64) (bool, error) {
	key := "credits:" + tenant
	spent := false
	err := q.rdb.Watch(ctx, func(tx *redis.Tx) error {
		bal, err := tx.Get(ctx, key).Int64()
		if err != nil && err != redis.Nil {
			return err
		}
		if bal < credits {
			return nil
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, bal-credits, 0)
			return nil
		})
		spent = err == nil
		return err
	}, key)
	return spent, err
}

// Peek shows the balance; it refreshes a separate "last seen" key.
func (q *Quota) Peek(ctx context.Context, tenant string) (int64, error) {
	bal, err := q.rdb.Get(ctx, "credits:"+tenant).Int64()
	if err != nil && err != redis.Nil {
		return 0, err
	}
	q.rdb.Set(ctx, "credits:peek:"+tenant, bal, 0)
	return bal, nil
}
