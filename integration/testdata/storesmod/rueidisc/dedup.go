// Package rueidisc dedups with rueidis and valkey-go builders.
package rueidisc

import (
	"context"

	"github.com/redis/rueidis"
	"github.com/valkey-io/valkey-go"
)

func charge(string) {}

// Handle checks with GET and marks with SET without NX.
func Handle(ctx context.Context, c rueidis.Client, id string) error {
	_, err := c.Do(ctx, c.B().Get().Key("idem:"+id).Build()).ToString()
	if !rueidis.IsRedisNil(err) {
		return err
	}
	charge(id)
	return c.Do(ctx, c.B().Set().Key("idem:"+id).Value("done").ExSeconds(86400).Build()).Error() // want checkthenact
}

// HandleNx claims with NX.
func HandleNx(ctx context.Context, c rueidis.Client, id string) error {
	_, err := c.Do(ctx, c.B().Get().Key("idem:"+id).Build()).ToString()
	if !rueidis.IsRedisNil(err) {
		return err
	}
	if err := c.Do(ctx, c.B().Set().Key("idem:"+id).Value("done").Nx().ExSeconds(86400).Build()).Error(); err != nil {
		return err
	}
	charge(id)
	return nil
}

// HandleValkey is the same race on valkey-go.
func HandleValkey(ctx context.Context, c valkey.Client, id string) error {
	n, err := c.Do(ctx, c.B().Exists().Key("evt:"+id).Build()).AsInt64()
	if err != nil || n > 0 {
		return err
	}
	charge(id)
	return c.Do(ctx, c.B().Set().Key("evt:"+id).Value("1").Build()).Error() // want checkthenact
}
