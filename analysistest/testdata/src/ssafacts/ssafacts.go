// Package ssafacts imports no modeled API, but calls a helper of ssabuild that has
// an effects summary: the helper's store write is seen here, so SSA is built.
package ssafacts // want "SSA built"

import (
	"context"

	"ssabuild"
)

// Handle marks the event.
func Handle(ctx context.Context, s *ssabuild.Store, id string) {
	s.MarkSeen(ctx, id)
}
