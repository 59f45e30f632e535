// Package consumers runs the message consumers of the shop.
package consumers

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/redis/rueidis"
	"github.com/segmentio/kafka-go"

	"example.com/shop/internal/dedup"
	"example.com/shop/internal/inbox"
	"example.com/shop/internal/notify"
)

// OrderEvent is the envelope of the orders topic.
type OrderEvent struct {
	EventID    string `json:"event_id"`
	Type       string `json:"type"`
	OrderRef   string `json:"order_ref"`
	CustomerID string `json:"customer_id"`
	Amount     int64  `json:"amount"`
}

// OrderConsumer consumes the orders topic.
type OrderConsumer struct {
	reader    *kafka.Reader
	dedup     *dedup.Store
	inbox     *inbox.Inbox
	rdb       rueidis.Client
	ledgerURL string
	log       *slog.Logger
}

// NewOrderConsumer wires an OrderConsumer.
func NewOrderConsumer(r *kafka.Reader, d *dedup.Store, ib *inbox.Inbox, rdb rueidis.Client, ledgerURL string) *OrderConsumer {
	return &OrderConsumer{reader: r, dedup: d, inbox: ib, rdb: rdb, ledgerURL: ledgerURL, log: slog.Default()}
}

// Run consumes until ctx ends. Offsets are committed after handling, so a
// crash between the two redelivers the message.
func (c *OrderConsumer) Run(ctx context.Context) error {
	for {
		m, err := c.reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var evt OrderEvent
		if err := json.Unmarshal(m.Value, &evt); err != nil {
			c.log.Warn("bad order event", "offset", m.Offset, "err", err)
			_ = c.reader.CommitMessages(ctx, m)
			continue
		}
		if err := c.dispatch(ctx, evt); err != nil {
			c.log.Error("order event failed", "id", evt.EventID, "err", err)
			continue
		}
		if err := c.reader.CommitMessages(ctx, m); err != nil {
			return err
		}
	}
}

func (c *OrderConsumer) dispatch(ctx context.Context, evt OrderEvent) error {
	switch evt.Type {
	case "order.paid":
		return c.onPaid(ctx, evt)
	case "order.paid.v2":
		return c.onPaidClaimed(ctx, evt)
	case "order.shipped":
		return c.onShipped(ctx, evt)
	case "order.refunded":
		return c.onRefunded(ctx, evt)
	case "order.refund_requested":
		return c.onRefundRequested(ctx, evt)
	case "loyalty.bonus":
		return c.onBonus(ctx, evt)
	case "order.cancelled":
		return c.onCancelled(ctx, evt)
	case "customer.welcome":
		return c.onWelcome(ctx, evt)
	case "points.expired":
		return c.onPointsExpired(ctx, evt)
	}
	return nil
}

func (c *OrderConsumer) onPaid(ctx context.Context, evt OrderEvent) error {
	seen, err := c.dedup.Seen(ctx, "orders", evt.EventID)
	if err != nil {
		return err
	}
	if seen {
		return nil
	}
	if err := notify.PostLedgerEntry(ctx, c.ledgerURL, map[string]any{"order": evt.OrderRef, "amount": evt.Amount}); err != nil {
		return err
	}
	return c.dedup.MarkDone(ctx, "orders", evt.EventID) // BUG: checkthenact
}

func (c *OrderConsumer) onPaidClaimed(ctx context.Context, evt OrderEvent) error {
	ok, err := c.dedup.Claim(ctx, "orders", evt.EventID)
	if err != nil || !ok {
		return err
	}
	if err := notify.PostLedgerEntry(ctx, c.ledgerURL, map[string]any{"order": evt.OrderRef, "amount": evt.Amount}); err != nil {
		_ = c.dedup.Release(ctx, "orders", evt.EventID)
		return err
	}
	return nil
}

func (c *OrderConsumer) onShipped(ctx context.Context, evt OrderEvent) error {
	c.log.Info("order shipped", "order", evt.OrderRef)
	return notify.PostLedgerEntry(ctx, c.ledgerURL, map[string]any{"order": evt.OrderRef, "kind": "shipping_cost", "amount": 490}) // BUG: missingkey
}

func (c *OrderConsumer) onRefunded(ctx context.Context, evt OrderEvent) error {
	err := c.rdb.Do(ctx, c.rdb.B().Set().Key("evt:"+evt.EventID).Value("1").Nx().ExSeconds(600).Build()).Error() // BUG: dedupttl
	if rueidis.IsRedisNil(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return notify.PostLedgerEntry(ctx, c.ledgerURL, map[string]any{"order": evt.OrderRef, "amount": -evt.Amount})
}

// onRefundRequested books a refund request, deduplicated through the inbox.
func (c *OrderConsumer) onRefundRequested(ctx context.Context, evt OrderEvent) error {
	day := time.Now().UTC().Format("2006-01-02")
	key := "refund:" + evt.CustomerID + ":" + day // BUG: coarsekey
	if err := c.inbox.Claim(ctx, "refunds", key); err != nil {
		if errors.Is(err, inbox.ErrDuplicate) {
			return nil
		}
		return err
	}
	return notify.PostLedgerEntry(ctx, c.ledgerURL, map[string]any{"order": evt.OrderRef, "kind": "refund_request"})
}

func (c *OrderConsumer) onBonus(ctx context.Context, evt OrderEvent) error {
	key := "idem:bonus:" + evt.CustomerID + ":" + time.Now().Format("2006-01-02") // BUG: coarsekey
	ok, err := c.dedup.ClaimKey(ctx, key, 72*time.Hour)
	if err != nil || !ok {
		return err
	}
	return c.rdb.Do(ctx, c.rdb.B().Incrby().Key("credit:balance:"+evt.CustomerID).Increment(evt.Amount).Build()).Error()
}

func (c *OrderConsumer) onCancelled(ctx context.Context, evt OrderEvent) error {
	dk := "dedup:cancel:" + uuid.NewString() // BUG: coarsekey
	ok, err := c.dedup.ClaimKey(ctx, dk, 48*time.Hour)
	if err != nil || !ok {
		return err
	}
	return notify.PostLedgerEntry(ctx, c.ledgerURL, map[string]any{"order": evt.OrderRef, "kind": "cancellation"})
}

// onWelcome credits the welcome bonus once per customer, by design.
func (c *OrderConsumer) onWelcome(ctx context.Context, evt OrderEvent) error {
	ok, err := c.dedup.ClaimKey(ctx, "welcome:"+evt.CustomerID, 365*24*time.Hour)
	if err != nil || !ok {
		return err
	}
	return c.rdb.Do(ctx, c.rdb.B().Incrby().Key("credit:balance:"+evt.CustomerID).Increment(500).Build()).Error()
}

func (c *OrderConsumer) onPointsExpired(ctx context.Context, evt OrderEvent) error {
	c.rdb.Do(ctx, c.rdb.B().Set().Key("processed:points:"+evt.EventID).Value("1").Nx().ExSeconds(7*86400).Build())
	return c.rdb.Do(ctx, c.rdb.B().Incrby().Key("points:expired:"+evt.CustomerID).Increment(evt.Amount).Build()).Error() // BUG: missingkey
}
