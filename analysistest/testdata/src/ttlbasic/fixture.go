package ttlbasic

import (
	"context"
	"testing"
	"time"
)

// SeedClaim is a test helper: it seeds the claim Claim makes, for one test run.
// Claim's positive case with a *testing.T: test code, never redelivered.
func (c *Consumer) SeedClaim(tb testing.TB, id string) {
	if err := c.rdb.SetNX(context.Background(), "evt:"+id, 1, 10*time.Minute).Err(); err != nil {
		tb.Fatal(err)
	}
}
