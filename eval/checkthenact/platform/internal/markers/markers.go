// Package markers are free functions over any go-redis client.
package markers

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

func key(kind, id string) string { return "processed:" + kind + ":" + id }

func IsProcessed(ctx context.Context, rdb redis.Cmdable, kind, id string) bool {
	return rdb.Exists(ctx, key(kind, id)).Val() == 1
}

func MarkProcessed(ctx context.Context, rdb redis.Cmdable, kind, id string) {
	rdb.Set(ctx, key(kind, id), time.Now().Unix(), 30*24*time.Hour)
}

func TryClaim(ctx context.Context, rdb redis.Cmdable, kind, id string) bool {
	return rdb.SetNX(ctx, key(kind, id), time.Now().Unix(), 30*24*time.Hour).Val()
}
