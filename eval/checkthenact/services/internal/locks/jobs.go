// Package locks runs scheduled jobs that must execute once per period across replicas.
package locks

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/bsm/redislock"
	"github.com/go-redsync/redsync/v4"
	"github.com/go-redsync/redsync/v4/redis/goredis/v9"
	"github.com/redis/go-redis/v9"
)

// Job is a periodic task.
type Job interface {
	Name() string
	Run(ctx context.Context) error
}

// Runner executes jobs at most once per period.
type Runner struct {
	rdb    *redis.Client
	rs     *redsync.Redsync
	locker *redislock.Client
	mu     sync.Mutex
}

func NewRunner(rdb *redis.Client) *Runner {
	return &Runner{
		rdb:    rdb,
		rs:     redsync.New(goredis.NewPool(rdb)),
		locker: redislock.New(rdb),
	}
}

func periodKey(job string, at time.Time) string {
	return fmt.Sprintf("job:ran:%s:%s", job, at.UTC().Format("2006-01-02T15"))
}

// RunRedsync holds a redsync mutex across the check and the mark.
func (r *Runner) RunRedsync(ctx context.Context, j Job) error {
	m := r.rs.NewMutex("lock:job:"+j.Name(), redsync.WithExpiry(5*time.Minute))
	if err := m.Lock(); err != nil {
		return err
	}
	defer m.Unlock()

	key := periodKey(j.Name(), time.Now())
	n, err := r.rdb.Exists(ctx, key).Result()
	if err != nil || n > 0 {
		return err
	}
	if err := j.Run(ctx); err != nil {
		return err
	}
	return r.rdb.Set(ctx, key, 1, 48*time.Hour).Err()
}

// RunRedislock holds a bsm/redislock lock across the check and the mark.
func (r *Runner) RunRedislock(ctx context.Context, j Job) error {
	lock, err := r.locker.Obtain(ctx, "lock:job:"+j.Name(), 5*time.Minute, nil)
	if errors.Is(err, redislock.ErrNotObtained) {
		return nil
	}
	if err != nil {
		return err
	}
	defer lock.Release(ctx)

	key := periodKey(j.Name(), time.Now())
	if _, err := r.rdb.Get(ctx, key).Result(); err == nil {
		return nil
	} else if !errors.Is(err, redis.Nil) {
		return err
	}
	if err := j.Run(ctx); err != nil {
		return err
	}
	return r.rdb.Set(ctx, key, time.Now().Unix(), 48*time.Hour).Err()
}

// RunLocalMutex guards the check and the mark with a process-local mutex only;
// another replica can run the same job in the same period.
func (r *Runner) RunLocalMutex(ctx context.Context, j Job) error {
	r.mu.Lock()
	defer r.mu.Unlock()

	key := periodKey(j.Name(), time.Now())
	n, err := r.rdb.Exists(ctx, key).Result()
	if err != nil || n > 0 {
		return err
	}
	if err := j.Run(ctx); err != nil {
		return err
	}
	return r.rdb.Set(ctx, key, 1, 48*time.Hour).Err() // BUG: checkthenact
}

// RunCheckBeforeLock checks outside the lock and only takes the lock for the write.
func (r *Runner) RunCheckBeforeLock(ctx context.Context, j Job) error {
	key := periodKey(j.Name(), time.Now())
	n, err := r.rdb.Exists(ctx, key).Result()
	if err != nil || n > 0 {
		return err
	}
	if err := j.Run(ctx); err != nil {
		return err
	}
	m := r.rs.NewMutex("lock:job:" + j.Name())
	if err := m.Lock(); err != nil {
		return err
	}
	defer m.Unlock()
	return r.rdb.Set(ctx, key, 1, 48*time.Hour).Err() // BUG: checkthenact
}

// RunUnlockEarly releases the lock after the check, before the write.
func (r *Runner) RunUnlockEarly(ctx context.Context, j Job) error {
	lock, err := r.locker.Obtain(ctx, "lock:job:"+j.Name(), time.Minute, nil)
	if err != nil {
		return err
	}
	key := periodKey(j.Name(), time.Now())
	n, err := r.rdb.Exists(ctx, key).Result()
	_ = lock.Release(ctx)
	if err != nil || n > 0 {
		return err
	}
	if err := j.Run(ctx); err != nil {
		return err
	}
	return r.rdb.Set(ctx, key, 1, 48*time.Hour).Err() // BUG: checkthenact
}

// RunRedsyncCtx uses the context variants of the redsync mutex.
func (r *Runner) RunRedsyncCtx(ctx context.Context, j Job) error {
	m := r.rs.NewMutex("lock:job:"+j.Name(), redsync.WithTries(1))
	if err := m.LockContext(ctx); err != nil {
		if errors.Is(err, redsync.ErrFailed) {
			return nil
		}
		return err
	}
	defer func() { _, _ = m.UnlockContext(ctx) }()

	key := periodKey(j.Name(), time.Now())
	done, err := r.rdb.Get(ctx, key).Bool()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if done {
		return nil
	}
	if err := j.Run(ctx); err != nil {
		return err
	}
	return r.rdb.Set(ctx, key, true, 48*time.Hour).Err()
}

// RunClaimed claims the period with SetNX; no lock needed.
func (r *Runner) RunClaimed(ctx context.Context, j Job) error {
	key := periodKey(j.Name(), time.Now())
	ok, err := r.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	return j.Run(ctx)
}
