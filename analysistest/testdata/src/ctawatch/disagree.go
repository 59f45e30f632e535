package ctawatch

// DISAGREEMENT with the current analyzer (all three cases get no diagnostic):
// DESIGN.md exempts "Watch(ctx, fn, key) + TxPipelined", i.e. WATCH of the checked
// key with the write queued under MULTI/EXEC after the check. Here WATCH covers
// another key, or the write runs outside MULTI (tx.Set executes at once and WATCH
// only makes EXEC conditional), or the check runs before Watch starts. In each,
// two deliveries can both pass the check and both write.

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func work(string) {}

// watchOtherKey: WATCH of an unrelated key does not abort when idem:id changes.
func watchOtherKey(ctx context.Context, rdb *redis.Client, id string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		if _, err := tx.Get(ctx, "idem:"+id).Result(); err != redis.Nil {
			return err
		}
		_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, "idem:"+id, "done", day) // known gap (README): the watched key is not compared with the checked one
			return nil
		})
		return err
	}, "config")
}

// watchSetOutsideMulti: inside Watch, tx.Set runs at once, not under EXEC, so
// WATCH does not make it conditional.
func watchSetOutsideMulti(ctx context.Context, rdb redis.UniversalClient, id string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		if tx.Exists(ctx, "evt:"+id).Val() > 0 {
			return nil
		}
		work(id)
		return tx.Set(ctx, "evt:"+id, 1, day).Err() // want `EXISTS then SET of "evt:"\+id is not atomic`
	}, "evt:"+id)
}

// checkOutsideWatch: the check runs before Watch, so WATCH starts too late.
func checkOutsideWatch(ctx context.Context, rdb *redis.Client, id string) error {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return nil
	}
	work(id)
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, "evt:"+id, 1, day) // want `EXISTS then SET of "evt:"\+id is not atomic`
			return nil
		})
		return err
	}, "evt:"+id)
}
