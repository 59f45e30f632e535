// Package ctaclosure holds go-redis v9 and v8 check-then-act cases whose write sits
// inside a function literal (Pipelined/TxPipelined callback, deferred closure,
// goroutine, closure assigned to a variable) in the function that holds the check.
// The finding is reported at the write inside the literal, where the user reads it.
package ctaclosure

import (
	"context"
	"time"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

const day = 24 * time.Hour

func work(string) {}

func markDone(ctx context.Context, rdb redis.Cmdable, id string) {
	rdb.Set(ctx, "evt:"+id, 1, day)
}

// pipelinedAfterExists: queueing the SET in a pipeline does not make the check atomic.
func pipelinedAfterExists(ctx context.Context, rdb *redis.Client, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	work(id)
	_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
		p.LPush(ctx, "log", id)
		return nil
	})
	return err
}

// txPipelinedAfterExists: MULTI/EXEC without WATCH does not cover the earlier check.
func txPipelinedAfterExists(ctx context.Context, rdb redis.UniversalClient, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	work(id)
	_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
		p.Incr(ctx, "count")
		return nil
	})
	return err
}

// deferredClosureSet: the write runs in a deferred closure registered after the check.
func deferredClosureSet(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	defer func() {
		rdb.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
	}()
	work(id)
}

// deferredMarkDone: a deferred closure calls the markDone helper.
func deferredMarkDone(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	defer func() {
		markDone(ctx, rdb, id) // want `EXISTS then SET \(in markDone\) of "evt:"\+id is not atomic`
	}()
	work(id)
}

// goroutineSet: the write runs in a goroutine started after the check.
func goroutineSet(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	go func() {
		work(id)
		rdb.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
	}()
}

// closureVarCalled: a closure assigned to a variable and called after the check.
func closureVarCalled(ctx context.Context, rdb *redis.Client, id string) {
	mark := func() {
		rdb.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
	}
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	work(id)
	mark()
}

// v8TxPipelinedAfterExists: the v8 twin of txPipelinedAfterExists.
func v8TxPipelinedAfterExists(ctx context.Context, rdb *redisv8.Client, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	work(id)
	_, err := rdb.TxPipelined(ctx, func(p redisv8.Pipeliner) error {
		p.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
		return nil
	})
	return err
}

// v8GoroutineSet: the v8 twin of goroutineSet.
func v8GoroutineSet(ctx context.Context, rdb *redisv8.Client, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	go func() {
		work(id)
		rdb.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
	}()
}
