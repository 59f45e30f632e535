// Package locks wraps redsync for code that needs a cluster-wide critical section.
package locks

import (
	"context"

	"github.com/go-redsync/redsync/v4"
)

// WithLock runs fn while holding the named redsync mutex.
func WithLock(ctx context.Context, rs *redsync.Redsync, name string, fn func(context.Context) error) error {
	m := rs.NewMutex(name)
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	defer m.UnlockContext(context.WithoutCancel(ctx))
	return fn(ctx)
}
