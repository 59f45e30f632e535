// Package consumer turns domain events into notifications.
package consumer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"

	"example.com/notify/internal/config"
	"example.com/notify/internal/dedup"
	"example.com/notify/internal/push"
)

// OrderEvent is published by the order service.
type OrderEvent struct {
	EventID string `json:"event_id"`
	OrderID string `json:"order_id"`
	UserID  string `json:"user_id"`
	Status  string `json:"status"`
}

const shippedDedupTTL = 30 * time.Minute

// OrderNotifier pushes order status changes to the customer's devices.
type OrderNotifier struct {
	Reader *kafka.Reader
	RDB    redis.UniversalClient
	Push   push.Sender
	Cfg    config.Config
	Log    *slog.Logger
}

// Run consumes order events.
func (n *OrderNotifier) Run(ctx context.Context) error {
	for {
		m, err := n.Reader.FetchMessage(ctx)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		}
		var e OrderEvent
		if err := json.Unmarshal(m.Value, &e); err != nil {
			_ = n.Reader.CommitMessages(ctx, m)
			continue
		}
		if err := n.dispatch(ctx, e); err != nil {
			n.Log.Error("dispatch", "event", e.EventID, "err", err)
			continue
		}
		if err := n.Reader.CommitMessages(ctx, m); err != nil {
			return err
		}
	}
}

func (n *OrderNotifier) dispatch(ctx context.Context, e OrderEvent) error {
	switch e.Status {
	case "paid":
		ok, err := n.RDB.SetNX(ctx, "ntf:paid:"+e.EventID, 1, 10*time.Minute).Result() // BUG: dedupttl
		if err != nil || !ok {
			return err
		}
		return n.Push.Send(ctx, e.UserID, "Payment received", "Order "+e.OrderID+" is paid")
	case "shipped":
		ok, err := n.RDB.SetNX(ctx, "ntf:shipped:"+e.EventID, 1, shippedDedupTTL).Result() // BUG: dedupttl
		if err != nil || !ok {
			return err
		}
		return n.Push.Send(ctx, e.UserID, "On its way", "Order "+e.OrderID+" has shipped")
	case "delivered":
		ok, err := n.RDB.SetNX(ctx, "ntf:delivered:"+e.EventID, 1, 86400).Result() // BUG: dedupttl
		if err != nil || !ok {
			return err
		}
		return n.Push.Send(ctx, e.UserID, "Delivered", "Order "+e.OrderID+" was delivered")
	case "refunded":
		ok, err := n.RDB.SetNX(ctx, "ntf:refunded:"+e.EventID, 1, 86400*time.Second).Result()
		if err != nil || !ok {
			return err
		}
		return n.Push.Send(ctx, e.UserID, "Refund issued", "Order "+e.OrderID+" was refunded")
	case "cancelled":
		ok, err := n.RDB.SetNX(ctx, "ntf:cancelled:"+e.EventID, 1, n.Cfg.DedupTTL).Result()
		if err != nil || !ok {
			return err
		}
		return n.Push.Send(ctx, e.UserID, "Order cancelled", "Order "+e.OrderID+" was cancelled")
	case "returned":
		err := n.RDB.SetArgs(ctx, "ntf:returned:"+e.EventID, 1, redis.SetArgs{Mode: "NX", TTL: time.Hour}).Err() // BUG: dedupttl
		if errors.Is(err, redis.Nil) {
			return nil
		}
		if err != nil {
			return err
		}
		return n.Push.Send(ctx, e.UserID, "Return received", "We got your return for "+e.OrderID)
	case "review_requested":
		err := n.RDB.SetArgs(ctx, "ntf:review:"+e.OrderID, 1, redis.SetArgs{Mode: "NX", TTL: 30 * 24 * time.Hour}).Err()
		if errors.Is(err, redis.Nil) {
			return nil
		}
		if err != nil {
			return err
		}
		return n.Push.Send(ctx, e.UserID, "How was it?", "Review your order "+e.OrderID)
	}
	return nil
}

// RunBackfill replays a topic range after an incident; the replay finishes within the hour.
func (n *OrderNotifier) RunBackfill(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		var e OrderEvent
		if json.Unmarshal(m.Value, &e) != nil {
			continue
		}
		key := fmt.Sprintf("ntf:backfill:%s:%d:%d", m.Topic, m.Partition, m.Offset)
		switch err := dedup.Claim(ctx, n.RDB, key, 2*time.Hour); { // AMBIG: dedupttl
		case errors.Is(err, dedup.ErrSeen):
			continue
		case err != nil:
			return err
		}
		_ = n.Push.Send(ctx, e.UserID, "Order update", e.Status)
	}
}

// RunDefault is Run for the partner topic, with the package default retention.
func (n *OrderNotifier) RunDefault(ctx context.Context) error {
	for {
		m, err := n.Reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var e OrderEvent
		if json.Unmarshal(m.Value, &e) == nil {
			err := dedup.Claim(ctx, n.RDB, "ntf:partner:"+e.EventID, config.DefaultDedupTTL) // BUG: dedupttl
			if err == nil {
				_ = n.Push.Send(ctx, e.UserID, "Order update", e.Status)
			} else if !errors.Is(err, dedup.ErrSeen) {
				return err
			}
		}
		_ = n.Reader.CommitMessages(ctx, m)
	}
}

// RunPartnerV2 keeps markers for the partner's whole retry window.
func (n *OrderNotifier) RunPartnerV2(ctx context.Context) error {
	for {
		m, err := n.Reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var e OrderEvent
		if json.Unmarshal(m.Value, &e) == nil {
			if err := dedup.Claim(ctx, n.RDB, "ntf:partner:"+e.EventID, config.ReplayWindow); err == nil {
				_ = n.Push.Send(ctx, e.UserID, "Order update", e.Status)
			}
		}
		_ = n.Reader.CommitMessages(ctx, m)
	}
}
