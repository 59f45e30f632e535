package ctamap

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// announceBatch is announce over a pipeline (asynq's BatchEnqueue): the miss arm also
// appends the queue to a rollback list and bumps the pipeline slot index; the loops
// over them after Exec run whatever the memo found, so they are its bookkeeping, not
// work it deduplicates (memoBookkeeping).
func (r *Registry) announceBatch(ctx context.Context, queues []string) (int, error) {
	pipe := r.rdb.Pipeline()
	var added []string
	slots := make([]int, 0, len(queues))
	n := 0
	for _, q := range queues {
		if _, ok := r.published.Load(q); !ok {
			pipe.SAdd(ctx, "queues", q)
			r.published.Store(q, true)
			added = append(added, q)
			n++
		}
		slots = append(slots, n)
		n++
	}
	cmds, err := pipe.Exec(ctx)
	if err != nil {
		for _, q := range added {
			r.published.Delete(q)
		}
		return 0, fmt.Errorf("pipeline: %v", err.Error())
	}
	done := 0
	for _, i := range slots {
		if i < len(cmds) && cmds[i].Err() == nil {
			done++
		}
	}
	return done, nil
}

// announceThenCharge is announceBatch whose miss arm sets a flag that decides a
// charge after the loop: the flag carries the memo's decision to the charge.
func (r *Registry) announceThenCharge(ctx context.Context, queues []string) error {
	pipe := r.rdb.Pipeline()
	for _, q := range queues {
		fresh := false
		if _, ok := r.published.Load(q); !ok {
			pipe.SAdd(ctx, "queues", q)
			r.published.Store(q, true) // want `Load then Store of .*\[value\] is not atomic`
			fresh = true
		}
		if fresh {
			if err := charge(q); err != nil {
				return err
			}
		}
	}
	_, err := pipe.Exec(ctx)
	return err
}

var _ redis.Cmder
