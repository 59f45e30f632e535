// Package retry runs a function with exponential backoff.
package retry

import (
	"context"
	"time"
)

func Do(ctx context.Context, attempts int, fn func() error) error {
	var err error
	backoff := 100 * time.Millisecond
	for i := 0; i < attempts; i++ {
		if err = fn(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff *= 2
	}
	return err
}
