// Package metrics keeps business counters in Redis for the ops dashboard.
package metrics

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Recorder writes counters.
type Recorder struct {
	rdb redis.Cmdable
}

// New returns a Recorder.
func New(rdb redis.Cmdable) *Recorder { return &Recorder{rdb: rdb} }

func day() string { return time.Now().UTC().Format("2006-01-02") }

// Count adds one to a named counter for today.
func (r *Recorder) Count(ctx context.Context, name string) {
	k := "m:" + day()
	_, _ = r.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.HIncrBy(ctx, k, name, 1)
		p.Expire(ctx, k, 40*24*time.Hour)
		return nil
	})
}

// Observe adds a duration sample (sum and count).
func (r *Recorder) Observe(ctx context.Context, name string, d time.Duration) {
	k := "m:lat:" + day()
	r.rdb.HIncrBy(ctx, k, name+":sum_ms", d.Milliseconds())
	r.rdb.HIncrBy(ctx, k, name+":n", 1)
}

// Read returns today's counter for the dashboard.
func (r *Recorder) Read(ctx context.Context, name string) (int64, error) {
	n, err := r.rdb.HGet(ctx, "m:"+day(), name).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	return n, err
}

// Peak keeps the highest concurrent-connections value seen today.
func (r *Recorder) Peak(ctx context.Context, conns int64) error {
	k := "m:peak:" + day()
	cur, err := r.rdb.Get(ctx, k).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if conns <= cur {
		return nil
	}
	return r.rdb.Set(ctx, k, conns, 48*time.Hour).Err() // BUG: checkthenact
}

var peakScript = redis.NewScript(`
local cur = tonumber(redis.call("GET", KEYS[1]) or "0")
if tonumber(ARGV[1]) > cur then
  redis.call("SET", KEYS[1], ARGV[1], "EX", ARGV[2])
  return 1
end
return 0`)

// PeakAtomic is Peak as a script.
func (r *Recorder) PeakAtomic(ctx context.Context, conns int64) error {
	return peakScript.Run(ctx, r.rdb, []string{"m:peak:" + day()}, conns, 48*3600).Err()
}

// PeakFast reads first to skip the script when the value cannot be a new peak.
func (r *Recorder) PeakFast(ctx context.Context, conns int64) error {
	k := "m:peak:" + day()
	if cur, err := r.rdb.Get(ctx, k).Int64(); err == nil && conns <= cur {
		return nil
	}
	return peakScript.Run(ctx, r.rdb, []string{k}, conns, 48*3600).Err()
}

// Snapshot copies today's counters to a daily archive key.
func (r *Recorder) Snapshot(ctx context.Context) error {
	src := "m:" + day()
	vals, err := r.rdb.HGetAll(ctx, src).Result()
	if err != nil {
		return err
	}
	if len(vals) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(vals))
	for f, v := range vals {
		n, _ := strconv.ParseInt(v, 10, 64)
		args = append(args, f, n)
	}
	return r.rdb.HSet(ctx, "m:archive:"+day(), args...).Err()
}

// NextID hands out ids for support tickets.
func (r *Recorder) NextID(ctx context.Context) (int64, error) {
	return r.rdb.Incr(ctx, "seq:ticket").Result()
}
