// Package ctawatch holds go-redis v9 WATCH/MULTI cases: only WATCH of the checked
// key with the write queued in TxPipelined makes the check-then-act atomic.
package ctawatch

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

const day = 24 * time.Hour

// watchSameKey: WATCH evt:id, check, SET in TxPipelined (optimistic, atomic).
func watchSameKey(ctx context.Context, rdb *redis.Client, id string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		if _, err := tx.Get(ctx, "idem:"+id).Result(); err != redis.Nil {
			return err
		}
		_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, "idem:"+id, "done", day)
			return nil
		})
		return err
	}, "idem:"+id)
}

// watchCounter: WATCH + TxPipelined read-modify-write (the optimistic fix).
func watchCounter(ctx context.Context, rdb *redis.ClusterClient, id string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Get(ctx, "count:"+id).Int()
		if err != nil && err != redis.Nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, "count:"+id, n+1, 0)
			return nil
		})
		return err
	}, "count:"+id)
}
