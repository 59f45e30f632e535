// Package jobs is a small Redis list queue: LPUSH to enqueue, BRPOP/LMOVE to work.
package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/saas/internal/keys"
)

const (
	queueKey      = "jobs:queue"
	processingKey = "jobs:processing"
	pendingIDs    = "jobs:pending-ids"
)

// Job is one unit of work.
type Job struct {
	ID      string          `json:"id"`
	Kind    string          `json:"kind"`
	Payload json.RawMessage `json:"payload"`
}

// Queue wraps a Redis list.
type Queue struct {
	rdb *redis.Client
}

// NewQueue returns a Queue.
func NewQueue(rdb *redis.Client) *Queue { return &Queue{rdb: rdb} }

// Enqueue adds the job once: SADD returns 1 only for the first caller.
func (q *Queue) Enqueue(ctx context.Context, j Job) error {
	added, err := q.rdb.SAdd(ctx, pendingIDs, j.ID).Result()
	if err != nil || added == 0 {
		return err
	}
	b, _ := json.Marshal(j)
	return q.rdb.LPush(ctx, queueKey, b).Err()
}

// EnqueueChecked is the old path used by the importer.
func (q *Queue) EnqueueChecked(ctx context.Context, j Job) error {
	queued, err := q.rdb.SIsMember(ctx, pendingIDs, j.ID).Result()
	if err != nil || queued {
		return err
	}
	b, _ := json.Marshal(j)
	if err := q.rdb.LPush(ctx, queueKey, b).Err(); err != nil {
		return err
	}
	return q.rdb.SAdd(ctx, pendingIDs, j.ID).Err() // BUG: checkthenact
}

// EnqueueFast skips the write when the id is already known, then claims with SADD.
func (q *Queue) EnqueueFast(ctx context.Context, j Job) error {
	if q.rdb.SIsMember(ctx, pendingIDs, j.ID).Val() {
		return nil
	}
	added, err := q.rdb.SAdd(ctx, pendingIDs, j.ID).Result() // AMBIG: checkthenact
	if err != nil || added == 0 {
		return err
	}
	b, _ := json.Marshal(j)
	return q.rdb.LPush(ctx, queueKey, b).Err()
}

// Handler processes one job.
type Handler func(context.Context, Job) error

// Work pops jobs reliably (LMOVE to a processing list) until ctx ends.
func (q *Queue) Work(ctx context.Context, h Handler) {
	for ctx.Err() == nil {
		raw, err := q.rdb.BLMove(ctx, queueKey, processingKey, "RIGHT", "LEFT", 5*time.Second).Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			slog.Error("jobs: pop", "err", err)
			time.Sleep(time.Second)
			continue
		}
		var j Job
		if err := json.Unmarshal([]byte(raw), &j); err != nil {
			q.rdb.LRem(ctx, processingKey, 1, raw)
			continue
		}
		if err := q.runOnce(ctx, j, h); err != nil {
			slog.Warn("jobs: failed, requeue", "id", j.ID, "err", err)
			q.rdb.LPush(ctx, queueKey, raw)
		}
		q.rdb.LRem(ctx, processingKey, 1, raw)
		q.rdb.SRem(ctx, pendingIDs, j.ID)
	}
}

// runOnce claims the job id for a day before running it, releasing the claim on failure.
func (q *Queue) runOnce(ctx context.Context, j Job, h Handler) error {
	k := keys.Processed(j.ID)
	ok, err := q.rdb.SetNX(ctx, k, "running", 24*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	if err := h(ctx, j); err != nil {
		q.rdb.Del(ctx, k)
		return err
	}
	return q.rdb.Set(ctx, k, "done", 24*time.Hour).Err()
}

// WorkSimple is the BRPOP consumer used by the low-volume email queue.
func WorkSimple(ctx context.Context, rdb redis.UniversalClient, h Handler) {
	for ctx.Err() == nil {
		res, err := rdb.BRPop(ctx, 5*time.Second, "jobs:email").Result()
		if err != nil {
			continue
		}
		var j Job
		if json.Unmarshal([]byte(res[1]), &j) != nil {
			continue
		}
		k := keys.Processed(j.ID)
		done, err := rdb.Get(ctx, k).Result()
		if err == nil && done == "1" {
			continue
		}
		if err := h(ctx, j); err != nil {
			continue
		}
		rdb.Set(ctx, k, "1", 48*time.Hour) // BUG: checkthenact
	}
}
