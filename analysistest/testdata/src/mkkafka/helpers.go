package mkkafka

import (
	"context"
	"time"

	"github.com/segmentio/kafka-go"
)

// Per-message helpers called from the loop are followed into.
func (c *consumer) runHelper(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.handle(ctx, m)
	}
}

// The finding is at the act, in the helper of this package.
func (c *consumer) handle(ctx context.Context, m kafka.Message) {
	c.db.ExecContext(ctx, "INSERT INTO ledger (id) VALUES ($1)", string(m.Key)) // want `kafka consumer inserts into ledger with no dedup claim`
}

// The helper claims first: silent.
func (c *consumer) runHelperClaims(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.handleOnce(ctx, m)
	}
}

func (c *consumer) handleOnce(ctx context.Context, m kafka.Message) {
	ok, err := c.rdb.SetNX(ctx, "seen:"+string(m.Key), 1, 24*time.Hour).Result()
	if err != nil || !ok {
		return
	}
	c.db.ExecContext(ctx, "INSERT INTO ledger (id) VALUES ($1)", string(m.Key))
}

// The loop claims through a helper that returns the claim's result.
func (c *consumer) runClaimHelper(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if !c.claim(ctx, string(m.Key)) {
			continue
		}
		c.db.ExecContext(ctx, "INSERT INTO ledger (id) VALUES ($1)", string(m.Key))
	}
}

func (c *consumer) claim(ctx context.Context, id string) bool {
	ok, err := c.rdb.SetNX(ctx, "seen:"+id, 1, 24*time.Hour).Result()
	return err == nil && ok
}

// Recursive helpers end.
func (c *consumer) runRecursive(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.retry(ctx, m, 3)
	}
}

func (c *consumer) retry(ctx context.Context, m kafka.Message, n int) {
	if n == 0 {
		return
	}
	if _, err := c.db.ExecContext(ctx, "INSERT INTO attempts (id) VALUES ($1)", string(m.Key)); err != nil { // want `kafka consumer inserts into attempts with no dedup claim`
		c.retry(ctx, m, n-1)
	}
}

// A goroutine per message still runs the effect per delivery.
func (c *consumer) runGo(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		go func() {
			c.db.ExecContext(ctx, "INSERT INTO audit (id) VALUES ($1)", string(m.Key)) // want `kafka consumer inserts into audit with no dedup claim`
		}()
	}
}

// No reader, no entry point: a plain function that inserts is not reported.
func (c *consumer) save(ctx context.Context, id string) {
	c.db.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", id)
}
