// Package ttlrueidis holds dedupttl cases for rueidis builders: the TTL is an
// expiration step of the chain, in its own unit.
package ttlrueidis

import (
	"context"
	"time"

	"github.com/redis/rueidis"
)

func charge(string) {}

// claimTenMinutes claims for 10 minutes in seconds.
func claimTenMinutes(ctx context.Context, c rueidis.Client, id string) error {
	if err := c.Do(ctx, c.B().Set().Key("evt:"+id).Value("1").Nx().ExSeconds(600).Build()).Error(); err != nil { // want `dedup marker "evt:"\+id expires after 10m0s`
		return err
	}
	charge(id)
	return nil
}

// claimTwoDays claims for 48 hours: long enough.
func claimTwoDays(ctx context.Context, c rueidis.Client, id string) error {
	if err := c.Do(ctx, c.B().Set().Key("evt:"+id).Value("1").Nx().Ex(48*time.Hour).Build()).Error(); err != nil {
		return err
	}
	charge(id)
	return nil
}

// claimMillis claims for a minute in milliseconds.
func claimMillis(ctx context.Context, c rueidis.Client, id string) error {
	if err := c.Do(ctx, c.B().Set().Key("evt:"+id).Value("1").Nx().PxMilliseconds(60000).Build()).Error(); err != nil { // want `dedup marker "evt:"\+id expires after 1m0s`
		return err
	}
	charge(id)
	return nil
}
