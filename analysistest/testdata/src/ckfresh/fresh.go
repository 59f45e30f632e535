// Package ckfresh holds coarsekey cases of keys minted fresh per attempt.
package ckfresh

import (
	"context"
	"math/rand"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
)

type Consumer struct{ rdb *redis.Client }

// positive: a consumer mints its dedup key: every redelivery looks new.
func (c *Consumer) Handle(ctx context.Context, d amqp.Delivery) error {
	key := "evt:" + uuid.NewString() // want `dedup key "evt:"\+uuid.NewString\(\) is minted fresh on every delivery \(uuid.NewString\(\)\): a redelivery of the same message gets a new key and is never recognized; derive it from d.MessageId`
	_, err := c.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

// negative twin: the message id.
func (c *Consumer) HandleByID(ctx context.Context, d amqp.Delivery) error {
	_, err := c.rdb.SetNX(ctx, "evt:"+d.MessageId, 1, 48*time.Hour).Result()
	return err
}

// positive: a delivery loop that mints its key from the clock.
func (c *Consumer) Run(ctx context.Context, msgs <-chan amqp.Delivery) {
	for d := range msgs {
		key := "evt:" + strconv.FormatInt(time.Now().UnixNano(), 10) // want `dedup key "evt:"\+strconv.FormatInt\(time.Now\(\).UnixNano\(\), 10\) is minted fresh on every delivery`
		c.rdb.SetNX(ctx, key, 1, 48*time.Hour)
		d.Ack(false)
	}
}

// negative twin: the loop keys on the message.
func (c *Consumer) RunByID(ctx context.Context, msgs <-chan amqp.Delivery) {
	for d := range msgs {
		c.rdb.SetNX(ctx, "evt:"+d.MessageId, 1, 48*time.Hour)
		d.Ack(false)
	}
}

// negative: a fresh key per call of a plain function is one key per call (the
// caller's retry is not visible here).
func (c *Consumer) Fulfil(ctx context.Context, orderID string) error {
	_, err := c.rdb.SetNX(ctx, "fulfil:"+strconv.Itoa(rand.Int()), 1, 48*time.Hour).Result()
	return err
}

// positive: a fresh key in a consumer of a message passed by pointer.
func (c *Consumer) HandlePtr(ctx context.Context, d *amqp.Delivery) error {
	_, err := c.rdb.SetNX(ctx, "fulfil:"+strconv.Itoa(rand.Int()), 1, 48*time.Hour).Result() // want `minted fresh on every delivery \(rand.Int\(\)\): .* derive it from d.MessageId`
	return err
}

// negative: a session id minted once, not a dedup key.
func (c *Consumer) NewSession(ctx context.Context, orderID string) error {
	return c.rdb.Set(ctx, "session:"+uuid.NewString(), orderID, time.Hour).Err()
}

// positive: a retry loop that mints the Idempotency-Key header on each attempt.
func Post(ctx context.Context, url, body string) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(body))
		req.Header.Set("Idempotency-Key", uuid.NewString()) // want `idempotency key uuid.NewString\(\) is minted fresh on every attempt`
		if _, err = http.DefaultClient.Do(req); err == nil {
			return nil
		}
	}
	return err
}

// negative twin: minted once, before the loop.
func PostOnce(ctx context.Context, url, body string) error {
	key := uuid.NewString()
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(body))
		req.Header.Set("Idempotency-Key", key)
		if _, err = http.DefaultClient.Do(req); err == nil {
			return nil
		}
	}
	return err
}

// negative: one key per item of a batch is one key per operation.
func PostAll(ctx context.Context, url string, bodies []string) {
	for _, body := range bodies {
		req, _ := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(body))
		req.Header.Set("Idempotency-Key", uuid.NewString())
		http.DefaultClient.Do(req)
	}
}

type OrderEvent struct{ EventID, OrderRef string }

// positive: a handler passed the decoded event claims a dedup marker minted
// fresh: the claim never matches the event's redelivery.
func (c *Consumer) OnCancelled(ctx context.Context, evt OrderEvent) error {
	dk := "dedup:cancel:" + uuid.NewString() // want `dedup key "dedup:cancel:"\+uuid.NewString\(\) is minted fresh on every call \(uuid.NewString\(\)\): a redelivery of the same event gets a new key and the claim never matches it; derive it from evt.EventID`
	_, err := c.rdb.SetNX(ctx, dk, 1, 48*time.Hour).Result()
	return err
}

// negative twin: a key that names a thing may reserve a new one's id.
func (c *Consumer) OnCancelledReserve(ctx context.Context, evt OrderEvent) error {
	_, err := c.rdb.SetNX(ctx, "order:"+uuid.NewString(), evt.OrderRef, 48*time.Hour).Result()
	return err
}

// negative twin: no event at hand, one key per call of a plain function.
func (c *Consumer) Cancel(ctx context.Context, reason string) error {
	_, err := c.rdb.SetNX(ctx, "dedup:cancel:"+uuid.NewString(), reason, 48*time.Hour).Result()
	return err
}
