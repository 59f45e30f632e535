// Package ttlwrapper claims event ids through a declared wrapper whose row names
// its TTL argument (ttl=2): the TTL is checked like go-redis's.
package ttlwrapper

import (
	"context"
	"time"

	"ttlwrapper/mycache"
)

func work(string) {}

func shortClaim(ctx context.Context, s *mycache.Store, eventID string) {
	if !s.Claim(ctx, "evt:"+eventID, time.Minute) { // want `dedup marker "evt:"\+eventID expires after 1m0s`
		return
	}
	work(eventID)
}

func longClaim(ctx context.Context, s *mycache.Store, eventID string) {
	if !s.Claim(ctx, "evt:"+eventID, 48*time.Hour) {
		return
	}
	work(eventID)
}

func secondsClaim(ctx context.Context, s *mycache.Store, eventID string) {
	if !s.ClaimSeconds(ctx, "evt:"+eventID, 60) {
		return
	}
	work(eventID)
}
