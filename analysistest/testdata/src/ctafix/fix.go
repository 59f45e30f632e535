// Package ctafix holds the mechanical SetNX rewrite cases.
package ctafix

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

func charge(string) {}

const ttl = 24 * time.Hour

// existsReturn: the early-return check becomes the claim.
func existsReturn(ctx context.Context, rdb *redis.Client, id string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	charge(id)
	rdb.Set(ctx, "evt:"+id, 1, ttl) // want `EXISTS then SET of "evt:"\+id is not atomic`
}

// missingBranch: the act inside the not-found branch.
func missingBranch(ctx context.Context, rdb redis.UniversalClient, id string) {
	if rdb.Get(ctx, "evt:"+id).Err() == redis.Nil {
		charge(id)
		rdb.Set(ctx, "evt:"+id, "done", time.Hour) // want `GET then SET of "evt:"\+id is not atomic`
	}
}

// computedValue: the value is not a constant, so no fix is offered.
func computedValue(ctx context.Context, rdb *redis.Client, id string, at string) {
	if rdb.Exists(ctx, "evt:"+id).Val() > 0 {
		return
	}
	charge(id)
	rdb.Set(ctx, "evt:"+id, at, ttl) // want `EXISTS then SET of "evt:"\+id is not atomic`
}
