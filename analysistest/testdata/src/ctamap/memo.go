// Memos of repeatable work: a process-local map that remembers "already done" for
// an action that is harmless to run twice is not a dedup; the same map in front of
// work that is not repeatable is.
package ctamap

import (
	"context"
	"fmt"
	"sync"

	"github.com/redis/go-redis/v9"
)

func charge(string) error { return nil }

// Registry remembers which queues it has announced in Redis.
type Registry struct {
	rdb       *redis.Client
	published sync.Map // queue name -> true
}

// announce is a memo of SADD: two callers that both miss add the same member twice,
// which leaves the set as one add did.
func (r *Registry) announce(ctx context.Context, queue string) error {
	if _, ok := r.published.Load(queue); !ok {
		if err := r.rdb.SAdd(ctx, "queues", queue).Err(); err != nil {
			return fmt.Errorf("announce %s: %w", queue, err)
		}
		r.published.Store(queue, true)
	}
	return nil
}

// announcePush is announce with LPUSH: a second push adds a second element.
func (r *Registry) announcePush(ctx context.Context, queue string) error {
	if _, ok := r.published.Load(queue); !ok {
		if err := r.rdb.LPush(ctx, "queues", queue).Err(); err != nil {
			return fmt.Errorf("announce %s: %w", queue, err)
		}
		r.published.Store(queue, true) // want `Load then Store of .*\[queue\] is not atomic`
	}
	return nil
}

// announceCharge is announce in front of a charge: the map dedups it, and two
// deliveries that both miss charge twice.
func (r *Registry) announceCharge(ctx context.Context, queue string) error {
	if _, ok := r.published.Load(queue); !ok {
		if err := charge(queue); err != nil {
			return fmt.Errorf("charge %s: %w", queue, err)
		}
		r.published.Store(queue, true) // want `Load then Store of .*\[queue\] is not atomic`
	}
	return nil
}

// firstAnnounce is announce that tells its caller "first time": the caller's work
// is what the map dedups.
func (r *Registry) firstAnnounce(ctx context.Context, queue string) bool {
	if _, ok := r.published.Load(queue); !ok {
		r.rdb.SAdd(ctx, "queues", queue)
		r.published.Store(queue, true) // want `Load then Store of .*\[queue\] is not atomic`
		return true
	}
	return false
}

// announceAsync starts a goroutine per miss: two goroutines for one queue.
func (r *Registry) announceAsync(ctx context.Context, queue string) {
	if _, ok := r.published.Load(queue); !ok {
		go r.rdb.SAdd(ctx, "queues", queue)
		r.published.Store(queue, true) // want `Load then Store of .*\[queue\] is not atomic`
	}
}

// announceAndCharge returns what charge returns: the charge is work, not an error
// being reported.
func (r *Registry) announceAndCharge(ctx context.Context, queue string) error {
	if _, ok := r.published.Load(queue); !ok {
		r.rdb.SAdd(ctx, "queues", queue)
		r.published.Store(queue, true) // want `Load then Store of .*\[queue\] is not atomic`
		return charge(queue)
	}
	return nil
}
