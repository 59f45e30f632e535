// Package dedup is the shared "do this once" helper over Redis.
package dedup

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Deduper remembers keys it has seen.
type Deduper struct {
	rdb    redis.UniversalClient
	prefix string
}

// New returns a Deduper whose keys are namespaced by prefix.
func New(rdb redis.UniversalClient, prefix string) *Deduper {
	return &Deduper{rdb: rdb, prefix: prefix}
}

// Once reports whether key is seen for the first time, and remembers it for ttl.
func (d *Deduper) Once(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	return d.rdb.SetNX(ctx, d.prefix+key, 1, ttl).Result()
}

// Seen reports whether key was remembered.
func (d *Deduper) Seen(ctx context.Context, key string) (bool, error) {
	n, err := d.rdb.Exists(ctx, d.prefix+key).Result()
	return n > 0, err
}

// Forget drops key so the operation can be retried.
func (d *Deduper) Forget(ctx context.Context, key string) error {
	return d.rdb.Del(ctx, d.prefix+key).Err()
}
