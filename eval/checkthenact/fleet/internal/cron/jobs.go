// Package cron holds the periodic jobs. Every replica of the worker runs the
// scheduler, so every job fires on every replica unless it guards itself.
package cron

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/bsm/redislock"
	"github.com/redis/go-redis/v9"

	"example.com/fleet/internal/platform"
)

var runPayoutBatch = func(ctx context.Context, day string) error { return nil }

var payoutMu sync.Mutex

// DailyPayoutJob runs the payout batch once a day. "payoutMu makes it safe".
func DailyPayoutJob(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	day := time.Now().UTC().Format("2006-01-02")
	key := "cron:daily_payout:last"

	payoutMu.Lock()
	defer payoutMu.Unlock()
	last, err := platform.RDB.Get(ctx, key).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		slog.Error("daily payout: last-run read failed", "err", err)
		return
	}
	if last == day {
		slog.Info("daily payout already ran", "day", day)
		return
	}
	if err := runPayoutBatch(ctx, day); err != nil {
		slog.Error("daily payout failed", "err", err)
		return
	}
	platform.RDB.Set(ctx, key, day, 48*time.Hour) // BUG: checkthenact
}

// DailyPayoutJobLocked is the redislock version (new scheduler).
func DailyPayoutJobLocked(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	day := time.Now().UTC().Format("2006-01-02")
	key := "cron:daily_payout:last"

	lock, err := platform.Locks.Obtain(ctx, "lock:cron:daily_payout", 15*time.Minute, nil)
	if errors.Is(err, redislock.ErrNotObtained) {
		return
	}
	if err != nil {
		slog.Error("daily payout: lock failed", "err", err)
		return
	}
	defer lock.Release(ctx)

	last, err := platform.RDB.Get(ctx, key).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return
	}
	if last == day {
		return
	}
	if err := runPayoutBatch(ctx, day); err != nil {
		slog.Error("daily payout failed", "err", err)
		return
	}
	platform.RDB.Set(ctx, key, day, 48*time.Hour)
}

// InvoiceRunJob guards itself with a SET NX lock key.
func InvoiceRunJob(ctx context.Context) {
	host := "worker-" + strconv.Itoa(time.Now().Nanosecond()%1000)
	ok, err := platform.RDB.SetNX(ctx, "lock:cron:invoices", host, 30*time.Minute).Result()
	if err != nil || !ok {
		return
	}
	defer platform.RDB.Del(ctx, "lock:cron:invoices")

	month := time.Now().UTC().Format("2006-01")
	n, err := platform.RDB.Exists(ctx, "cron:invoices:done:"+month).Result()
	if err != nil || n > 0 {
		return
	}
	slog.Info("generating invoices", "month", month)
	platform.RDB.Set(ctx, "cron:invoices:done:"+month, 1, 40*24*time.Hour)
}

// ExpireStaleTrips expires requests nobody accepted.
func ExpireStaleTrips(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	res, err := platform.DB.ExecContext(ctx, `UPDATE trips SET status = 'expired' WHERE status = 'requested' AND created_at < now() - interval '10 minutes'`)
	if err != nil {
		slog.Error("expire stale trips failed", "err", err)
		return
	}
	n, _ := res.RowsAffected()
	slog.Info("expired stale trips", "count", n)
}

// RefreshDailyStats keeps today's stats hash alive for another day.
func RefreshDailyStats(ctx context.Context) {
	key := "stats:trips_completed:" + time.Now().UTC().Format("2006-01-02")
	v, err := platform.RDB.Get(ctx, key).Result()
	if errors.Is(err, redis.Nil) {
		return
	}
	if err != nil {
		slog.Warn("refresh stats: read failed", "err", err)
		return
	}
	platform.RDB.Set(ctx, key, v, 48*time.Hour)
}

type leaderEntry struct {
	DriverID string `json:"driver_id"`
	Trips    int    `json:"trips"`
}

// Leaderboard returns the weekly leaderboard, cached for 5 minutes.
func Leaderboard(ctx context.Context) ([]leaderEntry, error) {
	const key = "leaderboard:weekly"
	b, err := platform.RDB.Get(ctx, key).Bytes()
	if err == nil {
		var out []leaderEntry
		if json.Unmarshal(b, &out) == nil {
			return out, nil
		}
	} else if !errors.Is(err, redis.Nil) {
		slog.Warn("leaderboard cache read failed", "err", err)
	}
	rows, err := platform.DB.QueryContext(ctx, `SELECT driver_id, count(*) FROM trips WHERE completed_at > now() - interval '7 days' GROUP BY driver_id ORDER BY 2 DESC LIMIT 20`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []leaderEntry
	for rows.Next() {
		var e leaderEntry
		if err := rows.Scan(&e.DriverID, &e.Trips); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	enc, _ := json.Marshal(out)
	platform.RDB.Set(ctx, key, enc, 5*time.Minute)
	return out, nil
}

var reconcileScript = redis.NewScript(`
local cur = tonumber(redis.call("GET", KEYS[1]) or "0")
if cur < tonumber(ARGV[1]) then
  redis.call("SET", KEYS[1], ARGV[1])
end
return cur`)

// ReconcileHighWater raises the processed high-water mark, atomically.
func ReconcileHighWater(ctx context.Context, seq int64) {
	key := "cron:reconcile:highwater"
	cur, err := platform.RDB.Get(ctx, key).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return
	}
	if cur >= seq {
		return
	}
	if err := platform.RDB.Eval(ctx, `if tonumber(redis.call("GET", KEYS[1]) or "0") < tonumber(ARGV[1]) then return redis.call("SET", KEYS[1], ARGV[1]) end return 0`, []string{key}, seq).Err(); err != nil {
		slog.Warn("highwater eval failed", "err", err)
	}
	_ = reconcileScript
}

// CleanupExpiredLocks removes stale job locks older than their owner's lease.
func CleanupExpiredLocks(ctx context.Context, names []string) {
	for _, name := range names {
		key := "lock:cron:" + name
		if n, _ := platform.RDB.Exists(ctx, key).Result(); n == 0 {
			continue
		}
		ttl, _ := platform.RDB.TTL(ctx, key).Result()
		if ttl < 0 {
			platform.RDB.Del(ctx, key)
		}
	}
}

// WeeklyBonusSweep increments weekly run count; plain INCR.
func WeeklyBonusSweep(ctx context.Context) {
	week := time.Now().UTC().Format("2006-01")
	if n, _ := platform.RDB.Exists(ctx, "cron:bonus_sweep:"+week).Result(); n > 0 {
		platform.RDB.Incr(ctx, "cron:bonus_sweep:reruns")
		return
	}
	ok, _ := platform.RDB.SetNX(ctx, "cron:bonus_sweep:"+week, 1, 8*24*time.Hour).Result()
	if !ok {
		return
	}
	slog.Info("running bonus sweep", "week", week)
}
