package ctawatch

// WATCH protects only what it covers: a write outside MULTI (tx.Set runs at once and
// WATCH only makes EXEC conditional) and a check made before Watch starts are both
// races. WATCH of another key than the checked one is a known gap (README).

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
