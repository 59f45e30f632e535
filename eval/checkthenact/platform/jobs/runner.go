// Package jobs runs background jobs pulled from a Redis list, with retries.
package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/bsm/redislock"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
	"example.com/platform/internal/rediskeys"
)

type Job struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Customer string `json:"customer"`
	Cents    int64  `json:"cents"`

	doneKey string
}

type Runner struct {
	rdb    *redis.Client
	locker *redislock.Client
}

func NewRunner(rdb *redis.Client) *Runner {
	return &Runner{rdb: rdb, locker: redislock.New(rdb)}
}

func (r *Runner) Loop(ctx context.Context) {
	for ctx.Err() == nil {
		res, err := r.rdb.BRPop(ctx, 5*time.Second, "jobs:queue").Result()
		if err != nil {
			continue
		}
		var j Job
		if json.Unmarshal([]byte(res[1]), &j) != nil {
			continue
		}
		j.doneKey = rediskeys.Job(j.ID)
		for attempt := 1; attempt <= 3; attempt++ {
			if err := r.runOnce(ctx, &j); err == nil {
				break
			}
			time.Sleep(time.Duration(attempt) * time.Second)
		}
	}
}

// runOnce skips jobs already done. The list is at-least-once: a worker that
// dies after BRPOP leaves the job to the reaper, which pushes it again.
func (r *Runner) runOnce(ctx context.Context, j *Job) error {
	if done, _ := r.rdb.Exists(ctx, j.doneKey).Result(); done == 1 {
		return nil
	}
	if err := effects.ChargeCard(ctx, j.Customer, j.Cents); err != nil {
		return err
	}
	return r.rdb.Set(ctx, j.doneKey, "1", 14*24*time.Hour).Err() // BUG: checkthenact
}

// runLocked holds a redislock lock around the check and the write.
func (r *Runner) runLocked(ctx context.Context, j *Job) error {
	lock, err := r.locker.Obtain(ctx, "lock:job:"+j.ID, time.Minute, nil)
	if errors.Is(err, redislock.ErrNotObtained) {
		return nil
	}
	if err != nil {
		return err
	}
	defer lock.Release(context.WithoutCancel(ctx))
	key := rediskeys.Job(j.ID)
	if done, _ := r.rdb.Exists(ctx, key).Result(); done == 1 {
		return nil
	}
	if err := effects.ChargeCard(ctx, j.Customer, j.Cents); err != nil {
		return err
	}
	return r.rdb.Set(ctx, key, "1", 14*24*time.Hour).Err()
}

// runShortLock releases the lock as soon as the charge is done, before the
// marker is written: a second worker that obtains the lock now still sees no
// marker.
func (r *Runner) runShortLock(ctx context.Context, j *Job) error {
	lock, err := r.locker.Obtain(ctx, "lock:job:"+j.ID, time.Minute, nil)
	if err != nil {
		return nil
	}
	key := rediskeys.Job(j.ID)
	if done, _ := r.rdb.Exists(ctx, key).Result(); done == 1 {
		_ = lock.Release(ctx)
		return nil
	}
	chargeErr := effects.ChargeCard(ctx, j.Customer, j.Cents)
	_ = lock.Release(ctx)
	if chargeErr != nil {
		return chargeErr
	}
	return r.rdb.Set(ctx, key, "1", 14*24*time.Hour).Err() // BUG: checkthenact
}

// runClaimed claims the job with SETNX under the job's own done key and
// upgrades the value when done.
func (r *Runner) runClaimed(ctx context.Context, j *Job) error {
	key := rediskeys.Job(j.ID)
	ok, err := r.rdb.SetNX(ctx, key, "running", 10*time.Minute).Result()
	if err != nil || !ok {
		return err
	}
	if err := effects.ChargeCard(ctx, j.Customer, j.Cents); err != nil {
		r.rdb.Del(ctx, key)
		return err
	}
	return r.rdb.Set(ctx, key, "done", 14*24*time.Hour).Err()
}

// Dispatch picks one of the strategies per job kind.
func (r *Runner) Dispatch(ctx context.Context, j *Job) error {
	switch j.Kind {
	case "locked":
		return r.runLocked(ctx, j)
	case "short":
		return r.runShortLock(ctx, j)
	case "claimed":
		return r.runClaimed(ctx, j)
	}
	slog.WarnContext(ctx, "unknown kind", "kind", j.Kind)
	return nil
}
