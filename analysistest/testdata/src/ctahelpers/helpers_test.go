package ctahelpers

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// TestCounter reads, asserts and writes: test code is not a delivery.
func TestCounter(t *testing.T) {
	ctx := context.Background()
	var rdb redis.UniversalClient
	if v := rdb.Get(ctx, "count").Val(); v != "" {
		t.Fatalf("unexpected %q", v)
	}
	rdb.Set(ctx, "count", 1, time.Minute)
}
