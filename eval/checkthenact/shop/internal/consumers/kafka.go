// Package consumers wires broker subscriptions to the services.
package consumers

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"

	"example.com/shop/internal/cache"
	"example.com/shop/internal/orders/repo"
	"example.com/shop/internal/orders/service"
)

// PaymentConsumer reads payments.captured from Kafka.
type PaymentConsumer struct {
	r      *kafka.Reader
	svc    *service.OrderService
	events *repo.EventRepo
	dedup  *cache.Deduper
	rdb    redis.UniversalClient
	log    *slog.Logger
}

func NewPaymentConsumer(r *kafka.Reader, svc *service.OrderService, dedup *cache.Deduper, rdb redis.UniversalClient, log *slog.Logger) *PaymentConsumer {
	return &PaymentConsumer{r: r, svc: svc, events: svc.Events(), dedup: dedup, rdb: rdb, log: log}
}

// Run is the main reader loop.
func (c *PaymentConsumer) Run(ctx context.Context) error {
	for {
		m, err := c.r.FetchMessage(ctx)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		}
		var evt service.PaymentCaptured
		if err := json.Unmarshal(m.Value, &evt); err != nil {
			c.log.Error("bad payload", "offset", m.Offset, "err", err)
			_ = c.r.CommitMessages(ctx, m)
			continue
		}
		if c.dedup.Seen(ctx, evt.EventID) {
			_ = c.r.CommitMessages(ctx, m)
			continue
		}
		if err := c.svc.RecordPaymentOnce(ctx, evt); err != nil {
			c.log.Error("record payment", "err", err)
			continue
		}
		c.dedup.MarkSeen(ctx, evt.EventID) // BUG: checkthenact
		if err := c.r.CommitMessages(ctx, m); err != nil {
			return err
		}
	}
}

// RunClaimed is Run with an atomic claim.
func (c *PaymentConsumer) RunClaimed(ctx context.Context) error {
	for {
		m, err := c.r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var evt service.PaymentCaptured
		if err := json.Unmarshal(m.Value, &evt); err != nil {
			_ = c.r.CommitMessages(ctx, m)
			continue
		}
		if c.dedup.Seen(ctx, evt.EventID) { // fast path only
			_ = c.r.CommitMessages(ctx, m)
			continue
		}
		won, err := c.dedup.Claim(ctx, evt.EventID)
		if err != nil {
			return err
		}
		if won {
			if err := c.svc.RecordPaymentOnce(ctx, evt); err != nil {
				c.dedup.Release(ctx, evt.EventID)
				continue
			}
		}
		if err := c.r.CommitMessages(ctx, m); err != nil {
			return err
		}
	}
}

// RunKeyed dedups on the Kafka message key.
func (c *PaymentConsumer) RunKeyed(ctx context.Context) error {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		k := "kafka:" + m.Topic + ":" + string(m.Key)
		if c.rdb.Get(ctx, k).Val() == "done" {
			continue
		}
		var evt service.PaymentCaptured
		if err := json.Unmarshal(m.Value, &evt); err != nil {
			continue
		}
		if err := c.svc.ConfirmPayment(ctx, evt.OrderID); err != nil {
			c.log.Error("confirm", "err", err)
			continue
		}
		c.rdb.Set(ctx, k, "done", 72*time.Hour) // BUG: checkthenact
	}
}

// RunKeyedArgs claims the Kafka key with SET NX EX.
func (c *PaymentConsumer) RunKeyedArgs(ctx context.Context) error {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		k := "kafka:" + m.Topic + ":" + string(m.Key)
		if c.rdb.Get(ctx, k).Val() == "done" {
			continue
		}
		if err := c.rdb.SetArgs(ctx, k, "done", redis.SetArgs{Mode: "NX", TTL: 72 * time.Hour}).Err(); err != nil {
			continue // redis.Nil: someone else has it
		}
		var evt service.PaymentCaptured
		if err := json.Unmarshal(m.Value, &evt); err == nil {
			_ = c.svc.ConfirmPayment(ctx, evt.OrderID)
		}
	}
}

// RunRepo dedups against the processed_events table directly.
func (c *PaymentConsumer) RunRepo(ctx context.Context) error {
	for {
		m, err := c.r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var evt service.PaymentCaptured
		if err := json.Unmarshal(m.Value, &evt); err != nil {
			_ = c.r.CommitMessages(ctx, m)
			continue
		}
		done, err := c.events.IsProcessed(ctx, evt.EventID)
		if err != nil {
			return err
		}
		if !done {
			if err := c.svc.ApplyCredit(ctx, evt.CustomerID, evt.AmountCents); err != nil {
				return err
			}
			if err := c.events.MarkProcessed(ctx, evt.EventID, "kafka-credit"); err != nil { // BUG: checkthenact
				return err
			}
		}
		_ = c.r.CommitMessages(ctx, m)
	}
}

// RunRepoClaimed claims the event row through ON CONFLICT.
func (c *PaymentConsumer) RunRepoClaimed(ctx context.Context) error {
	for {
		m, err := c.r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var evt service.PaymentCaptured
		if err := json.Unmarshal(m.Value, &evt); err != nil {
			_ = c.r.CommitMessages(ctx, m)
			continue
		}
		done, err := c.events.IsProcessed(ctx, evt.EventID)
		if err != nil {
			return err
		}
		if !done {
			first, err := c.events.Claim(ctx, evt.EventID, "kafka-credit")
			if err != nil {
				return err
			}
			if first {
				if err := c.svc.ApplyDebit(ctx, evt.CustomerID, evt.AmountCents); err != nil {
					return err
				}
			}
		}
		_ = c.r.CommitMessages(ctx, m)
	}
}
