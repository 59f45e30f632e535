// Package ctawrapper uses a cache client declared by configuration:
// -checkthenact.func=(*ctawrapper/mycache.Store).Has=read:key=1,(*ctawrapper/mycache.Store).Put=write:key=1,(*ctawrapper/mycache.Store).Claim=claim:key=1
package ctawrapper

import (
	"context"

	"ctawrapper/mycache"
)

func work(string) {}

// hasThenPut is a check-then-act through the declared wrapper.
func hasThenPut(ctx context.Context, c *mycache.Store, id string) {
	if c.Has(ctx, "job:"+id) {
		return
	}
	work(id)
	c.Put(ctx, "job:"+id) // want `Has then Put of "job:"\+id is not atomic: .*; claim the key with one atomic set-if-absent call`
}

// claim uses the declared atomic claim.
func claim(ctx context.Context, c *mycache.Store, id string) {
	if !c.Claim(ctx, "job:"+id) {
		return
	}
	work(id)
}

// hasThenPutOther checks one key and writes another.
func hasThenPutOther(ctx context.Context, c *mycache.Store, id string) {
	if c.Has(ctx, "job:"+id) {
		return
	}
	work(id)
	c.Put(ctx, "done:"+id)
}

// suppressed is the same race, acknowledged in place.
func suppressed(ctx context.Context, c *mycache.Store, id string) {
	if c.Has(ctx, "job:"+id) {
		return
	}
	work(id)
	//idemlint:ignore checkthenact the job runner serializes ids upstream
	c.Put(ctx, "job:"+id)
}
