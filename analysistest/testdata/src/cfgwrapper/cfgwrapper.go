// Package cfgwrapper uses a cache client that its .idemlint.yml declares.
package cfgwrapper

import (
	"context"

	"cfgwrapper/teamcache"
)

func work(string) {}

// seenThenMark is a check-then-act through the declared wrapper.
func seenThenMark(ctx context.Context, c *teamcache.Store, id string) {
	if c.Seen(ctx, "job:"+id) {
		return
	}
	work(id)
	c.Mark(ctx, "job:"+id) // want `Seen then Mark of "job:"\+id is not atomic`
}

// claim uses the declared atomic claim.
func claim(ctx context.Context, c *teamcache.Store, id string) {
	if !c.Claim(ctx, "job:"+id) {
		return
	}
	work(id)
}

// seenThenMarkOther checks one key and marks another.
func seenThenMarkOther(ctx context.Context, c *teamcache.Store, id string) {
	if c.Seen(ctx, "job:"+id) {
		return
	}
	work(id)
	c.Mark(ctx, "done:"+id)
}
