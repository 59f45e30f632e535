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

// inflight holds the queues being announced right now.
var inflight sync.Map

// announceExclusive claims the queue before the SADD and releases it after: the map
// is a claim held while the work runs, not a memo of work done, and two callers
// that both miss hold it at once.
func (r *Registry) announceExclusive(ctx context.Context, queue string) error {
	if _, busy := inflight.Load(queue); busy {
		return fmt.Errorf("announce %s: in flight", queue)
	}
	inflight.Store(queue, true) // want `Load then Store of .*\[queue\] is not atomic`
	defer inflight.Delete(queue)
	return r.rdb.SAdd(ctx, "queues", queue).Err()
}

// announceExclusiveAtomic is announceExclusive with LoadOrStore.
func (r *Registry) announceExclusiveAtomic(ctx context.Context, queue string) error {
	if _, busy := inflight.LoadOrStore(queue, true); busy {
		return fmt.Errorf("announce %s: in flight", queue)
	}
	defer inflight.Delete(queue)
	return r.rdb.SAdd(ctx, "queues", queue).Err()
}

// announceThenRemember is announceExclusive's order reversed: the map remembers a
// SADD already done, a memo of repeatable work.
func (r *Registry) announceThenRemember(ctx context.Context, queue string) error {
	if _, done := inflight.Load(queue); done {
		return nil
	}
	if err := r.rdb.SAdd(ctx, "queues", queue).Err(); err != nil {
		return err
	}
	inflight.Store(queue, true)
	return nil
}
