package ctalock

// DISAGREEMENT with the current analyzer: DESIGN.md accepts "check and act both
// inside a held distributed lock". Here the lock is taken before the check but
// released before the act, so two deliveries can both pass the check (one after
// the other under the lock) and both act. The analyzer treats any lock taken
// before the check as protection, whether or not it is still held at the act.

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
