// Package counters tracks per-tenant usage for billing.
package counters

import (
	"context"
	"errors"
	"strconv"

	"github.com/redis/go-redis/v9"

	"example.com/evalcorpus/internal/keys"
)

// Usage records API usage per tenant in one Redis hash.
type Usage struct {
	rdb redis.UniversalClient
}

func NewUsage(rdb redis.UniversalClient) *Usage { return &Usage{rdb: rdb} }

// AddCalls adds n calls for a tenant by reading the field and writing the sum.
func (u *Usage) AddCalls(ctx context.Context, tenant string, n int64) error {
	cur, err := u.rdb.HGet(ctx, keys.UsageHash, tenant).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return u.rdb.HSet(ctx, keys.UsageHash, tenant, cur+n).Err() // BUG: checkthenact
}

// AddCallsAtomic uses HINCRBY.
func (u *Usage) AddCallsAtomic(ctx context.Context, tenant string, n int64) (int64, error) {
	return u.rdb.HIncrBy(ctx, keys.UsageHash, tenant, n).Result()
}

// SetPlan stores the plan name; it reads the old value only to return it.
func (u *Usage) SetPlan(ctx context.Context, tenant, plan string) (string, error) {
	old, _ := u.rdb.HGet(ctx, "usage:plans", tenant).Result()
	u.rdb.HSet(ctx, "usage:plans", tenant, plan)
	return old, nil
}

// RollOver copies the current-period usage into last-period (different field).
func (u *Usage) RollOver(ctx context.Context, tenant string) error {
	cur, err := u.rdb.HGet(ctx, keys.UsageHash, tenant).Int64()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	return u.rdb.HSet(ctx, keys.UsageHash, tenant+":last", cur).Err()
}

// PeakConcurrency keeps the max observed value; GET, compare, SET.
func (u *Usage) PeakConcurrency(ctx context.Context, tenant string, observed int64) error {
	key := "usage:peak:" + tenant
	peak, err := u.rdb.Get(ctx, key).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if observed > peak {
		return u.rdb.Set(ctx, key, observed, 0).Err() // BUG: checkthenact
	}
	return nil
}

var maxScript = redis.NewScript(`
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1]) return 1 end
return 0
`)

// PeakConcurrencyLua does the compare-and-set inside Lua.
func (u *Usage) PeakConcurrencyLua(ctx context.Context, tenant string, observed int64) error {
	key := "usage:peak:" + tenant
	peak, err := u.rdb.Get(ctx, key).Int64()
	if err == nil && observed <= peak {
		return nil // cheap pre-check, the script re-checks atomically
	}
	return maxScript.Run(ctx, u.rdb, []string{key}, observed).Err()
}

// ResetIfStale resets the counter when the stored version differs; the version
// key and the counter key are different keys.
func (u *Usage) ResetIfStale(ctx context.Context, tenant string, version int) error {
	v, err := u.rdb.Get(ctx, "usage:version:"+tenant).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if v != version {
		return u.rdb.HSet(ctx, keys.UsageHash, tenant, 0).Err()
	}
	return nil
}

// DailyActive counts unique users per day with a manual string counter.
func (u *Usage) DailyActive(ctx context.Context, day, userID string) error {
	member, err := u.rdb.SIsMember(ctx, "dau:users:"+day, userID).Result()
	if err != nil {
		return err
	}
	if member {
		return nil
	}
	pipe := u.rdb.TxPipeline()
	pipe.SAdd(ctx, "dau:users:"+day, userID) // BUG: checkthenact
	pipe.Incr(ctx, "dau:count:"+day)
	_, err = pipe.Exec(ctx)
	return err
}

// DailyActiveAtomic uses SADD's reply so the count is bumped once per user.
func (u *Usage) DailyActiveAtomic(ctx context.Context, day, userID string) error {
	added, err := u.rdb.SAdd(ctx, "dau:users:"+day, userID).Result()
	if err != nil {
		return err
	}
	if added == 1 {
		return u.rdb.Incr(ctx, "dau:count:"+day).Err()
	}
	return nil
}

// Format renders a counter for logs.
func Format(n int64) string { return strconv.FormatInt(n, 10) }
