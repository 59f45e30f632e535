// Package ssabuild calls go-redis: the effects analyzer needs its SSA form.
package ssabuild // want "SSA built"

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Store marks events as seen.
type Store struct{ rdb *redis.Client }

// MarkSeen writes the event's marker: a summarized helper, exported as a fact.
func (s *Store) MarkSeen(ctx context.Context, id string) {
	s.rdb.Set(ctx, "evt:"+id, 1, 24*time.Hour)
}
