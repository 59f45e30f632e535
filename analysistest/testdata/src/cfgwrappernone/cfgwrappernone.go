// Package cfgwrappernone is cfgwrapper's race in a package without a .idemlint.yml:
// the wrappers are unknown there.
package cfgwrappernone

import (
	"context"

	"cfgwrapper/teamcache"
)

func work(string) {}

func seenThenMark(ctx context.Context, c *teamcache.Store, id string) {
	if c.Seen(ctx, "job:"+id) {
		return
	}
	work(id)
	c.Mark(ctx, "job:"+id)
}
