// Package cfgwrapperoff is cfgwrapper's race in a package whose .idemlint.yml turns
// checkthenact off.
package cfgwrapperoff

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
