// Package mycache is a team's own cache client, declared to idemlint with
// -checkthenact.func='(*ttlwrapper/mycache.Store).Claim=claim:key=1:ttl=2'.
package mycache

import (
	"context"
	"time"
)

type Store struct{}

// Claim sets key if absent, for ttl.
func (s *Store) Claim(ctx context.Context, key string, ttl time.Duration) bool { return true }

// ClaimSeconds takes its TTL in seconds: a row cannot say that unit, so it is not
// checked.
func (s *Store) ClaimSeconds(ctx context.Context, key string, seconds int) bool { return true }
