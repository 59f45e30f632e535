package ctalock

// A lock taken before the check but released before the act protects nothing: two
// deliveries can both pass the check (one after the other under the lock) and both
// act. DESIGN.md accepts only check and act both inside the held lock.

import (
	"context"

	"github.com/go-redsync/redsync/v4"
	"github.com/redis/go-redis/v9"
)

// redsyncUnlockedBeforeAct: the lock is released between the check and the act.
func redsyncUnlockedBeforeAct(ctx context.Context, rs *redsync.Redsync, rdb *redis.Client, id string) error {
	m := rs.NewMutex("lock:" + id)
	if err := m.Lock(); err != nil {
		return err
	}
	n := rdb.Exists(ctx, "evt:"+id).Val()
	m.Unlock()
	if n > 0 {
		return nil
	}
	work(id)
	return rdb.Set(ctx, "evt:"+id, 1, day).Err() // want `EXISTS then SET of "evt:"\+id is not atomic`
}
