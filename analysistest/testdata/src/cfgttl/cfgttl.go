// Package cfgttl raises dedupttl's minimum to 48h in its .idemlint.yml.
package cfgttl

import (
	"context"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

type Consumer struct{ rdb *goredis.Client }

// positive here, negative under the default 24h: a 36h marker.
func (c *Consumer) Claim(ctx context.Context, id string) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, 36*time.Hour).Result() // want `expires after 36h0m0s, .*; keep it at least 48h`
	return ok
}

// negative twin: three days.
func (c *Consumer) ClaimLong(ctx context.Context, id string) bool {
	ok, _ := c.rdb.SetNX(ctx, "evt:"+id, 1, 72*time.Hour).Result()
	return ok
}
