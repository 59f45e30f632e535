package jobs

import (
	"context"
	"strconv"
	"time"

	"github.com/go-redsync/redsync/v4"
	"github.com/go-redsync/redsync/v4/redis/goredis/v9"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
)

// Scheduler runs the nightly billing sweep on one replica at a time.
type Scheduler struct {
	rdb *redis.Client
	rs  *redsync.Redsync
}

func NewScheduler(rdb *redis.Client) *Scheduler {
	return &Scheduler{rdb: rdb, rs: redsync.New(goredis.NewPool(rdb))}
}

// Sweep is guarded by a redsync mutex: the run counter is read and written
// under the lock.
func (s *Scheduler) Sweep(ctx context.Context) error {
	m := s.rs.NewMutex("lock:billing-sweep", redsync.WithExpiry(10*time.Minute))
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	defer m.UnlockContext(ctx)
	runs, _ := s.rdb.Get(ctx, "billing:sweep:runs").Int()
	if err := effects.Notify(ctx, "billing", "sweep "+strconv.Itoa(runs+1)); err != nil {
		return err
	}
	return s.rdb.Set(ctx, "billing:sweep:runs", runs+1, 0).Err()
}

// LastRun records the time of the last sweep without a lock: GET the old
// value, compute, SET. Two replicas sweeping at once lose one update of the
// counter of sweeps.
func (s *Scheduler) RecordRun(ctx context.Context) error {
	runs, err := s.rdb.Get(ctx, "billing:sweep:total").Int64()
	if err != nil && err != redis.Nil {
		return err
	}
	return s.rdb.Set(ctx, "billing:sweep:total", runs+1, 0).Err() // BUG: checkthenact
}

// RecordRunIncr is the atomic form.
func (s *Scheduler) RecordRunIncr(ctx context.Context) error {
	return s.rdb.Incr(ctx, "billing:sweep:total").Err()
}
