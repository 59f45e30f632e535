package mkkafka

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
)

// claims takes a marker with SET NX and gives it back with DEL: the shape of a
// lock, but what matters is when Release runs.
type claims struct{ rdb *redis.Client }

func (s *claims) Claim(ctx context.Context, id string) (bool, error) {
	return s.rdb.SetNX(ctx, "claim:"+id, 1, 72*time.Hour).Result()
}

func (s *claims) Release(ctx context.Context, id string) error {
	return s.rdb.Del(ctx, "claim:"+id).Err()
}

type claimed struct {
	r      *kafka.Reader
	claims *claims
	w      *kafka.Writer
}

// Given back only when the effect fails, so the redelivery can retry: a claim.
func (c *claimed) runReleasedOnFailure(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		ok, err := c.claims.Claim(ctx, string(m.Key))
		if err != nil || !ok {
			continue
		}
		if err := c.w.WriteMessages(ctx, kafka.Message{Key: m.Key}); err != nil {
			c.claims.Release(ctx, string(m.Key))
		}
	}
}

// The twin that gives it back whatever happened: a lock held while publishing,
// and the redelivery publishes again.
func (c *claimed) runReleasedAlways(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		ok, err := c.claims.Claim(ctx, string(m.Key))
		if err != nil || !ok {
			continue
		}
		c.w.WriteMessages(ctx, kafka.Message{Key: m.Key}) // want `kafka consumer publishes with WriteMessages with no dedup claim`
		c.claims.Release(ctx, string(m.Key))
	}
}

// The same lock given back by a deferred release.
func (c *claimed) handleDeferred(ctx context.Context, m kafka.Message) {
	ok, err := c.claims.Claim(ctx, string(m.Key))
	if err != nil || !ok {
		return
	}
	defer c.claims.Release(ctx, string(m.Key))
	c.w.WriteMessages(ctx, kafka.Message{Key: m.Key}) // want `kafka consumer publishes with WriteMessages with no dedup claim`
}

func (c *claimed) runDeferred(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.handleDeferred(ctx, m)
	}
}

// The claim's bool is dropped and only its error checked: a duplicate passes.
func (c *claimed) runErrorOnly(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if _, err := c.claims.Claim(ctx, string(m.Key)); err != nil {
			continue
		}
		if err := c.w.WriteMessages(ctx, kafka.Message{Key: m.Key}); err != nil { // want `the result of SETNX \(in c.claims.Claim\) is ignored`
			c.claims.Release(ctx, string(m.Key))
		}
	}
}
