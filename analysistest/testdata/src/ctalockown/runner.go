// Package ctalockown holds checkthenact cases with locks a project wrote itself:
// a lock type behind an interface in another package, helpers that take and
// release it, and a SET NX owner type whose twin method deletes the same key.
package ctalockown

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"ctalockown/redislock"
)

// Runner applies migrations once across replicas.
type Runner struct {
	client *redis.Client
	lock   redislock.Lock
}

func apply(string) error { return nil }

func (r *Runner) key(name string) string { return "migration:" + name }

func (r *Runner) applied(ctx context.Context, name string) bool {
	v, _ := r.client.HGet(ctx, r.key(name), "status").Result()
	return v == "applied"
}

func (r *Runner) markApplied(ctx context.Context, name string) error {
	return r.client.HSet(ctx, r.key(name), "status", "applied").Err()
}

func (r *Runner) acquireLock(ctx context.Context) error {
	ok, err := r.lock.AttemptLock(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("lock already held")
	}
	return nil
}

func (r *Runner) releaseLock(ctx context.Context) { _, _ = r.lock.Unlock(ctx) }

// runLocked checks and marks while the migration lock is held: another replica
// cannot pass the check until this one released it.
func (r *Runner) runLocked(ctx context.Context, name string) error {
	if err := r.acquireLock(ctx); err != nil {
		return err
	}
	defer r.releaseLock(ctx)
	if r.applied(ctx, name) {
		return nil
	}
	if err := apply(name); err != nil {
		return err
	}
	return r.markApplied(ctx, name)
}

// runUnlocked is runLocked without the lock: two replicas both apply.
func (r *Runner) runUnlocked(ctx context.Context, name string) error {
	if r.applied(ctx, name) {
		return nil
	}
	if err := apply(name); err != nil {
		return err
	}
	return r.markApplied(ctx, name) // want `HGET \(in r.applied\) then HSET \(in r.markApplied\) of "migration:"\+name "status" is not atomic`
}

// runReleasedEarly releases the lock before it marks: the mark races.
func (r *Runner) runReleasedEarly(ctx context.Context, name string) error {
	if err := r.acquireLock(ctx); err != nil {
		return err
	}
	if r.applied(ctx, name) {
		r.releaseLock(ctx)
		return nil
	}
	r.releaseLock(ctx)
	return r.markApplied(ctx, name) // want `HGET \(in r.applied\) then HSET \(in r.markApplied\) of "migration:"\+name "status" is not atomic`
}

// owner takes "migrations:owner" with SET NX and gives it back with DEL: a lock by
// its twin methods, whatever its names say.
type owner struct {
	rdb *redis.Client
	id  string
}

func (o *owner) take(ctx context.Context) bool {
	return o.rdb.SetNX(ctx, "migrations:owner", o.id, time.Minute).Val()
}

func (o *owner) give(ctx context.Context) { o.rdb.Del(ctx, "migrations:owner") }

// runOwned holds the owner key around the check and the mark.
func (r *Runner) runOwned(ctx context.Context, o *owner, name string) error {
	if !o.take(ctx) {
		return nil
	}
	defer o.give(ctx)
	if r.applied(ctx, name) {
		return nil
	}
	return r.markApplied(ctx, name)
}

// marker claims "started:"+name with SET NX and never releases it: a claim of
// another key, not a lock.
type marker struct{ rdb *redis.Client }

func (m *marker) start(ctx context.Context, name string) bool {
	return m.rdb.SetNX(ctx, "started:"+name, 1, time.Minute).Val()
}

// runMarked claims another key before the check: it serializes nothing.
func (r *Runner) runMarked(ctx context.Context, m *marker, name string) error {
	if !m.start(ctx, name+":attempt") {
		return nil
	}
	if r.applied(ctx, name) {
		return nil
	}
	return r.markApplied(ctx, name) // want `HGET \(in r.applied\) then HSET \(in r.markApplied\) of "migration:"\+name "status" is not atomic`
}

// migrate checks and marks; every caller holds the migration lock around it.
func (r *Runner) migrate(ctx context.Context, name string) error {
	if r.applied(ctx, name) {
		return nil
	}
	if err := apply(name); err != nil {
		return err
	}
	return r.markApplied(ctx, name)
}

// RunAll holds the lock around each call of migrate.
func (r *Runner) RunAll(ctx context.Context, names []string) error {
	if err := r.acquireLock(ctx); err != nil {
		return err
	}
	defer r.releaseLock(ctx)
	for _, n := range names {
		if err := r.migrate(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// RunOne holds it too.
func (r *Runner) RunOne(ctx context.Context, name string) error {
	if err := r.acquireLock(ctx); err != nil {
		return err
	}
	defer r.releaseLock(ctx)
	return r.migrate(ctx, name)
}

// migrateSometimes is migrate with one caller that does not hold the lock.
func (r *Runner) migrateSometimes(ctx context.Context, name string) error {
	if r.applied(ctx, name) {
		return nil
	}
	return r.markApplied(ctx, name) // want `HGET \(in r.applied\) then HSET \(in r.markApplied\) of "migration:"\+name "status" is not atomic`
}

// RunBoth calls migrateSometimes once under the lock and once after releasing it.
func (r *Runner) RunBoth(ctx context.Context, name string) error {
	if err := r.acquireLock(ctx); err != nil {
		return err
	}
	if err := r.migrateSometimes(ctx, name); err != nil {
		return err
	}
	r.releaseLock(ctx)
	return r.migrateSometimes(ctx, name+":again")
}

// MigrateExported is migrate exported: callers in other packages may hold nothing.
func (r *Runner) MigrateExported(ctx context.Context, name string) error {
	if r.applied(ctx, name) {
		return nil
	}
	return r.markApplied(ctx, name) // want `HGET \(in r.applied\) then HSET \(in r.markApplied\) of "migration:"\+name "status" is not atomic`
}

// RunExported holds the lock around MigrateExported.
func (r *Runner) RunExported(ctx context.Context, name string) error {
	if err := r.acquireLock(ctx); err != nil {
		return err
	}
	defer r.releaseLock(ctx)
	return r.MigrateExported(ctx, name)
}
