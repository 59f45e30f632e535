// Package dedup holds the cases the golangci-lint plugin test checks.
package dedup

import (
	"context"
	"sync"

	"example.com/gcl/store"
)

var seen sync.Map

func charge(string) {}

// Handle is a check-then-act on a sync.Map: reported.
func Handle(id string) {
	if _, ok := seen.Load("evt:" + id); ok {
		return
	}
	charge(id)
	seen.Store("evt:"+id, true) // FINDING-MAP
}

// HandleNolint is the same, suppressed with golangci-lint's directive.
func HandleNolint(id string) {
	if _, ok := seen.Load("nolint:" + id); ok {
		return
	}
	charge(id)
	seen.Store("nolint:"+id, true) //nolint:idemlint // the caller holds a claim
}

// HandleWrapped is a check-then-act through the team's wrapper: reported only when
// the settings declare Seen as a read and Mark as a write.
func HandleWrapped(ctx context.Context, c *store.Cache, id string) {
	if c.Seen(ctx, "evt:"+id) {
		return
	}
	charge(id)
	c.Mark(ctx, "evt:"+id) // FINDING-WRAPPER
}

// HandleIgnored gives no reason for its suppression: ignorereason reports it.
func HandleIgnored(id string) {
	if _, ok := seen.Load("ign:" + id); ok {
		return
	}
	charge(id)
	//idemlint:ignore checkthenact
	seen.Store("ign:"+id, true)
}
