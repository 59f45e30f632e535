// Package ctalock holds checkthenact cases where a lock is (or is not) held
// around the check and the act.
package ctalock

import (
	"context"
	"sync"
	"time"

	"github.com/bsm/redislock"
	"github.com/go-redsync/redsync/v4"
	goredis "github.com/go-redsync/redsync/v4/redis/goredis/v9"
	"github.com/redis/go-redis/v9"
)

const day = 24 * time.Hour

func work(string) {}

// redsyncHeld: check and act inside a held redsync mutex.
func redsyncHeld(ctx context.Context, rdb redis.UniversalClient, id string) error {
	rs := redsync.New(goredis.NewPool(rdb))
	m := rs.NewMutex("lock:" + id)
	if err := m.Lock(); err != nil {
		return err
	}
	defer m.Unlock()
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	work(id)
	return rdb.Set(ctx, "evt:"+id, 1, day).Err()
}

// redsyncHeldExplicitUnlock: LockContext before the check, Unlock after the act.
func redsyncHeldExplicitUnlock(ctx context.Context, rs *redsync.Redsync, rdb *redis.Client, id string) error {
	m := rs.NewMutex("lock:"+id, redsync.WithExpiry(30*time.Second))
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	if rdb.Exists(ctx, "evt:"+id).Val() == 0 {
		work(id)
		rdb.Set(ctx, "evt:"+id, 1, day)
	}
	_, err := m.UnlockContext(ctx)
	return err
}

// redsyncAfterCheck: the lock is taken only after the check.
func redsyncAfterCheck(ctx context.Context, rs *redsync.Redsync, rdb *redis.Client, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	m := rs.NewMutex("lock:" + id)
	if err := m.Lock(); err != nil {
		return err
	}
	defer m.Unlock()
	work(id)
	return rdb.Set(ctx, "evt:"+id, 1, day).Err() // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// redislockHeld: bsm/redislock Obtain before the check.
func redislockHeld(ctx context.Context, locker *redislock.Client, rdb *redis.Client, id string) error {
	lock, err := locker.Obtain(ctx, "lock:"+id, 30*time.Second, nil)
	if err != nil {
		return err
	}
	defer lock.Release(ctx)
	if _, err := rdb.Get(ctx, "idem:"+id).Result(); err != redis.Nil {
		return err
	}
	work(id)
	return rdb.Set(ctx, "idem:"+id, "done", day).Err()
}

// redislockPackageObtain: the package-level redislock.Obtain shortcut.
func redislockPackageObtain(ctx context.Context, rdb *redis.Client, id string) error {
	lock, err := redislock.Obtain(ctx, rdb, "lock:"+id, 30*time.Second, nil)
	if err == redislock.ErrNotObtained {
		return nil
	}
	if err != nil {
		return err
	}
	defer lock.Release(ctx)
	if rdb.SIsMember(ctx, "processed", id).Val() {
		return nil
	}
	work(id)
	return rdb.SAdd(ctx, "processed", id).Err()
}

// redislockAfterCheck: the lock is obtained only after the check.
func redislockAfterCheck(ctx context.Context, locker *redislock.Client, rdb *redis.Client, id string) error {
	if _, err := rdb.Get(ctx, "idem:"+id).Result(); err != redis.Nil {
		return err
	}
	lock, err := locker.Obtain(ctx, "lock:"+id, 30*time.Second, nil)
	if err != nil {
		return err
	}
	defer lock.Release(ctx)
	work(id)
	return rdb.Set(ctx, "idem:"+id, "done", day).Err() // want `GET then SET of "idem:"\+id is not atomic`
}

var mu sync.Mutex

// syncMutexAroundRedis: a process-local mutex does not serialize replicas.
func syncMutexAroundRedis(ctx context.Context, rdb *redis.Client, id string) error {
	mu.Lock()
	defer mu.Unlock()
	_, err := rdb.Get(ctx, "idem:"+id).Result()
	if err != redis.Nil {
		return err
	}
	work(id)
	return rdb.Set(ctx, "idem:"+id, "done", day).Err() // want `GET then SET of "idem:"\+id is not atomic`
}

type handler struct {
	mu  sync.RWMutex
	rdb redis.UniversalClient
}

// rwMutexAroundRedis: a struct's sync.RWMutex around EXISTS/SET.
func (h *handler) rwMutexAroundRedis(ctx context.Context, id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	work(id)
	h.rdb.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// syncMutexAroundSetNX: the mutex is irrelevant; the claim is atomic.
func (h *handler) syncMutexAroundSetNX(ctx context.Context, id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.rdb.SetNX(ctx, "evt:"+id, 1, day).Val() {
		return
	}
	work(id)
}

var seen sync.Map

// syncMapLoadStore: Load then Store on a sync.Map without a lock.
func syncMapLoadStore(id string) {
	if _, ok := seen.Load(id); ok {
		return
	}
	work(id)
	seen.Store(id, true) // want `Load then Store of .* is not atomic`
}

// syncMapUnderMutex: a sync.Mutex suffices for an in-process map.
func syncMapUnderMutex(id string) {
	mu.Lock()
	defer mu.Unlock()
	if _, ok := seen.Load(id); ok {
		return
	}
	work(id)
	seen.Store(id, true)
}

// syncMapLoadOrStore: the atomic in-process claim.
func syncMapLoadOrStore(id string) {
	if _, loaded := seen.LoadOrStore(id, true); loaded {
		return
	}
	work(id)
}

// syncMapMutexAfterCheck: the mutex is taken only after the Load.
func syncMapMutexAfterCheck(id string) {
	if _, ok := seen.Load(id); ok {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	work(id)
	seen.Store(id, true) // want `Load then Store of .* is not atomic`
}
