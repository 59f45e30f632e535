// Package cache wraps the main Redis with the few helpers everybody copies around.
package cache

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/fleet/internal/metrics"
	"example.com/fleet/internal/platform"
	"example.com/fleet/internal/util/rkeys"
)

// GetJSON loads a JSON value into out. Returns redis.Nil on a miss.
func GetJSON(ctx context.Context, key string, out any) error {
	b, err := platform.RDB.Get(ctx, key).Bytes()
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// SetJSON stores v as JSON.
func SetJSON(ctx context.Context, key string, v any, ttl time.Duration) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return platform.RDB.Set(ctx, key, b, ttl).Err()
}

// Seen reports whether a dedup marker exists.
func Seen(ctx context.Context, key string) bool {
	n, err := platform.RDB.Exists(ctx, key).Result()
	if err != nil {
		slog.Warn("cache.Seen failed, assuming not seen", "key", key, "err", err)
		return false
	}
	return n > 0
}

// MarkSeen writes a dedup marker for 48h.
func MarkSeen(ctx context.Context, key string) {
	if err := platform.RDB.Set(ctx, key, 1, 48*time.Hour).Err(); err != nil {
		slog.Warn("cache.MarkSeen failed", "key", key, "err", err)
	}
}

// Claim atomically claims a key. true means we own it.
func Claim(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	return platform.RDB.SetNX(ctx, key, 1, ttl).Result()
}

// IsProcessed checks the processed marker of a message id.
func IsProcessed(ctx context.Context, msgID string) bool {
	n, _ := platform.RDB.Exists(ctx, rkeys.Processed(msgID)).Result()
	return n == 1
}

// GetOrLoad is cache-aside: on a miss, load() is called and its value cached.
func GetOrLoad(ctx context.Context, key string, ttl time.Duration, load func(context.Context) (string, error)) (string, error) {
	v, err := platform.RDB.Get(ctx, key).Result()
	if err == nil {
		metrics.CacheHits.Add(1)
		return v, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	metrics.CacheMisses.Add(1)
	v, err = load(ctx)
	if err != nil {
		return "", err
	}
	if err := platform.RDB.Set(ctx, key, v, ttl).Err(); err != nil {
		slog.Warn("cache fill failed", "key", key, "err", err)
	}
	return v, nil
}

// WithLock runs fn while holding a redsync mutex on name.
func WithLock(ctx context.Context, name string, fn func() error) error {
	m := platform.Locker.NewMutex("lock:"+name, redsyncExpiry)
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	defer func() {
		if _, err := m.UnlockContext(ctx); err != nil {
			slog.Warn("unlock failed", "name", name, "err", err)
		}
	}()
	return fn()
}
