// Package ckdedupwrap is a team's "do this once" wrapper over Redis whose keys
// are namespaced by a prefix set when it is built.
package ckdedupwrap

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

type Deduper struct {
	rdb    *redis.Client
	prefix string
	scope  string
}

func New(rdb *redis.Client, prefix string) *Deduper { return &Deduper{rdb: rdb, prefix: prefix} }

// Once claims prefix+key.
func (d *Deduper) Once(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	return d.rdb.SetNX(ctx, d.prefix+key, 1, ttl).Result()
}

// Scoped claims scope+key; what the scope holds is unknown.
func (d *Deduper) Scoped(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	return d.rdb.SetNX(ctx, d.scope+key, 1, ttl).Result()
}
