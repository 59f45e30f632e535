package consumer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"

	"example.com/billing/internal/keys"
)

const dedupTTL = 72 * time.Hour

// UsageConsumer folds usage events into the tenant's invoice.
type UsageConsumer struct {
	Reader *kafka.Reader
	RDB    redis.UniversalClient
	Meter  Meter
	Log    *slog.Logger
}

// Run consumes until ctx is cancelled.
func (c *UsageConsumer) Run(ctx context.Context) error {
	for {
		m, err := c.Reader.FetchMessage(ctx)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		}
		if err := c.handle(ctx, m); err != nil {
			c.Log.Error("usage event", "offset", m.Offset, "err", err)
			continue
		}
		if err := c.Reader.CommitMessages(ctx, m); err != nil {
			return err
		}
	}
}

func (c *UsageConsumer) handle(ctx context.Context, m kafka.Message) error {
	var e UsageEvent
	if err := json.Unmarshal(m.Value, &e); err != nil {
		return nil
	}
	key := "usage:" + e.UserID + ":" + e.OccurredAt.Truncate(time.Hour).Format(time.RFC3339) // BUG: coarsekey
	ok, err := c.RDB.SetNX(ctx, key, m.Offset, dedupTTL).Result()
	if err != nil || !ok {
		return err
	}
	return c.Meter.Record(ctx, e)
}

// RunByEvent dedups on the event id set by the producer.
func (c *UsageConsumer) RunByEvent(ctx context.Context) error {
	for {
		m, err := c.Reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var e UsageEvent
		if err := json.Unmarshal(m.Value, &e); err != nil {
			_ = c.Reader.CommitMessages(ctx, m)
			continue
		}
		evtKey := keys.EventKey("metering", e.EventID)
		fresh, err := c.RDB.SetNX(ctx, evtKey, 1, dedupTTL).Result()
		if err != nil {
			return err
		}
		if fresh {
			if err := c.Meter.Record(ctx, e); err != nil {
				c.RDB.Del(ctx, evtKey)
				return err
			}
		}
		if err := c.Reader.CommitMessages(ctx, m); err != nil {
			return err
		}
	}
}

// RunLegacyTopic consumes the old topic whose events carry no id; the position of the
// record in the log identifies it.
func (c *UsageConsumer) RunLegacyTopic(ctx context.Context) error {
	for {
		m, err := c.Reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var e UsageEvent
		_ = json.Unmarshal(m.Value, &e)
		key := fmt.Sprintf("usage:pos:%s:%d:%d", m.Topic, m.Partition, m.Offset)
		if ok, err := c.RDB.SetNX(ctx, key, 1, dedupTTL).Result(); err == nil && ok {
			if err := c.Meter.Record(ctx, e); err != nil {
				c.Log.Error("record", "err", err)
			}
		}
		_ = c.Reader.CommitMessages(ctx, m)
	}
}

// RunAudit stamps every record so the audit trail can be replayed.
func (c *UsageConsumer) RunAudit(ctx context.Context) error {
	for {
		m, err := c.Reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var e UsageEvent
		_ = json.Unmarshal(m.Value, &e)
		ok, err := c.RDB.SetNX(ctx, "usage:audit:"+uuid.NewString(), m.Value, dedupTTL).Result() // BUG: coarsekey
		if err != nil {
			return err
		}
		if ok {
			_ = c.Meter.Record(ctx, e)
		}
		_ = c.Reader.CommitMessages(ctx, m)
	}
}

// UsageEvent is emitted by the metering service.
type UsageEvent struct {
	EventID    string    `json:"event_id"`
	UserID     string    `json:"user_id"`
	TenantID   string    `json:"tenant_id"`
	Meter      string    `json:"meter"`
	Quantity   int64     `json:"quantity"`
	OccurredAt time.Time `json:"occurred_at"`
}

// ReceiptRequested is published by checkout when an order is paid.
type ReceiptRequested struct {
	OrderID    string    `json:"order_id"`
	Email      string    `json:"email"`
	TenantID   string    `json:"tenant_id"`
	TotalCents int64     `json:"total_cents"`
	PaidAt     time.Time `json:"paid_at"`
}

// Mailer sends transactional mail.
type Mailer interface {
	SendReceipt(ctx context.Context, r ReceiptRequested) error
}

// Meter records usage against the tenant's plan.
type Meter interface {
	Record(ctx context.Context, e UsageEvent) error
}
