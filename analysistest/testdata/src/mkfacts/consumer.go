package mkfacts

import (
	"context"
	"errors"

	"github.com/segmentio/kafka-go"

	"mkstore"
)

type consumer struct {
	r  *kafka.Reader
	st *mkstore.Store
}

// A helper of another package inserts: reported at the call.
func (c *consumer) runSave(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.st.SavePayment(ctx, string(m.Key), 1) // want `kafka consumer inserts into payments \(in c.st.SavePayment\) with no dedup claim`
	}
}

// Claimed through the other package's Claim, whose result decides.
func (c *consumer) runClaimed(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		ok, err := c.st.Claim(ctx, string(m.Key))
		if err != nil || !ok {
			continue
		}
		c.st.SavePayment(ctx, string(m.Key), 1)
	}
}

// Claimed through a helper that reports a duplicate as an error.
func (c *consumer) runMarked(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if err := c.st.MarkProcessed(ctx, string(m.Key)); errors.Is(err, mkstore.ErrSeen) {
			continue
		}
		c.st.SavePayment(ctx, string(m.Key), 1)
	}
}

// The claim helper's result is ignored.
func (c *consumer) runClaimIgnored(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.st.Claim(ctx, string(m.Key))
		c.st.SavePayment(ctx, string(m.Key), 1) // want `the result of SETNX \(in c.st.Claim\) is ignored`
	}
}

// A helper that claims and acts itself, and an idempotent helper: silent.
func (c *consumer) runSelfClaiming(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.st.SaveOnce(ctx, string(m.Key))
		c.st.SetStatus(ctx, string(m.Key), "paid")
	}
}

// A closure run by a helper of another package that claims first: silent.
func (c *consumer) runOnce(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.st.Once(ctx, string(m.Key), func() error {
			_, err := c.st.DB.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", string(m.Key))
			return err
		})
	}
}

// The twin whose helper claims nothing: the closure's INSERT is reported where it
// is written.
func (c *consumer) runRetried(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.st.Retry(ctx, func() error {
			_, err := c.st.DB.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", string(m.Key)) // want `kafka consumer inserts into payments with no dedup claim`
			return err
		})
	}
}
