// Package store is a dedup store on rueidis in a package of its own: its helpers'
// effects reach callers through facts.
package store

import (
	"context"

	"github.com/redis/rueidis"
)

type Dedup struct{ c rueidis.Client }

// Seen checks the marker with EXISTS.
func (d *Dedup) Seen(ctx context.Context, id string) (bool, error) {
	n, err := d.c.Do(ctx, d.c.B().Exists().Key("evt:"+id).Build()).AsInt64()
	return n > 0, err
}

// Mark writes the marker without NX.
func (d *Dedup) Mark(ctx context.Context, id string) error {
	return d.c.Do(ctx, d.c.B().Set().Key("evt:"+id).Value("1").ExSeconds(86400).Build()).Error()
}

// Claim sets the marker only if absent.
func (d *Dedup) Claim(ctx context.Context, id string) (bool, error) {
	err := d.c.Do(ctx, d.c.B().Set().Key("evt:"+id).Value("1").Nx().ExSeconds(86400).Build()).Error()
	if rueidis.IsRedisNil(err) {
		return false, nil
	}
	return err == nil, err
}
