// Package ttlflag is checked with -dedupttl.min=1h.
package ttlflag

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// positive: 30 minutes is under the configured hour.
func Claim(ctx context.Context, rdb *redis.Client, id string) {
	rdb.SetNX(ctx, "evt:"+id, 1, 30*time.Minute) // want `expires after 30m0s, .*; keep it at least 1h`
}

// negative twin: two hours is enough for the configured hour.
func ClaimLong(ctx context.Context, rdb *redis.Client, id string) {
	rdb.SetNX(ctx, "evt:"+id, 1, 2*time.Hour)
}
