// Package ctagoredis holds checkthenact cases for go-redis v9.
package ctagoredis

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

func charge(string) {}

// existsThenSet is the seed shape: EXISTS, act, SET.
func existsThenSet(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	charge(id)
	rdb.Set(ctx, "evt:"+id, 1, 24*time.Hour) // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// setNXClaim is the fix: one atomic claim.
func setNXClaim(ctx context.Context, rdb *redis.Client, id string) {
	ok, err := rdb.SetNX(ctx, "evt:"+id, 1, 24*time.Hour).Result()
	if err != nil || !ok {
		return
	}
	charge(id)
}

// differentKey checks one key and writes another.
func differentKey(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	charge(id)
	rdb.Set(ctx, "done:"+id, 1, 24*time.Hour)
}

// getNilThenSet uses errors.Is(err, redis.Nil) through an interface.
func getNilThenSet(ctx context.Context, rdb redis.UniversalClient, id string) error {
	_, err := rdb.Get(ctx, fmt.Sprintf("idem:%s", id)).Result()
	if errors.Is(err, redis.Nil) {
		charge(id)
		return rdb.Set(ctx, "idem:"+id, "done", time.Hour).Err() // want `GET then SET of "idem:"\+id is not atomic`
	}
	return err
}

// cacheAside fills a cache with a loaded value.
func cacheAside(ctx context.Context, rdb redis.Cmdable, id string) (string, error) {
	v, err := rdb.Get(ctx, "user:"+id).Result()
	if err == redis.Nil {
		v = load(id)
		rdb.Set(ctx, "user:"+id, v, time.Minute)
	}
	return v, nil
}

func load(id string) string { return id }

// counter is a read-modify-write.
func counter(ctx context.Context, rdb redis.Cmdable, id string) {
	n, _ := rdb.Get(ctx, "count:"+id).Int()
	rdb.Set(ctx, "count:"+id, n+1, 0) // want `read-modify-write of "count:"\+id`
}

// incr is atomic.
func incr(ctx context.Context, rdb redis.Cmdable, id string) {
	rdb.Incr(ctx, "count:"+id)
}

type Store struct {
	rdb    redis.UniversalClient
	prefix string
}

func (s *Store) seen(ctx context.Context, id string) bool {
	return s.rdb.Exists(ctx, s.prefix+id).Val() > 0
}

func (s *Store) markSeen(ctx context.Context, id string) {
	s.rdb.Set(ctx, s.prefix+id, 1, 24*time.Hour)
}

func (s *Store) claim(ctx context.Context, id string) bool {
	return s.rdb.SetNX(ctx, s.prefix+id, 1, 24*time.Hour).Val()
}

// handle is the most common real shape: helper methods.
func (s *Store) handle(ctx context.Context, id string) {
	if s.seen(ctx, id) {
		return
	}
	charge(id)
	s.markSeen(ctx, id) // want `EXISTS \(in s.seen\) then SET \(in s.markSeen\) of s.prefix\+id is not atomic`
}

// handleClaim uses the claim helper.
func (s *Store) handleClaim(ctx context.Context, id string) {
	if !s.claim(ctx, id) {
		return
	}
	charge(id)
}

// watch is an optimistic transaction.
func watch(ctx context.Context, rdb *redis.Client, id string) error {
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
