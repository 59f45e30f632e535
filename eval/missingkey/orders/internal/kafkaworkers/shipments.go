package kafkaworkers

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"

	"example.com/orders/internal/dedup"
	"example.com/orders/internal/events"
	"example.com/orders/internal/notify"
	"example.com/orders/internal/store"
)

// ShipmentsConsumer follows carrier updates.
type ShipmentsConsumer struct {
	reader *kafka.Reader
	rdb    *redis.Client
	orders *store.OrderRepo
	notify *notify.Client
	seen   *dedup.Store
	inbox  *dedup.Inbox
	log    *slog.Logger
}

func NewShipmentsConsumer(brokers []string, rdb *redis.Client, orders *store.OrderRepo, n *notify.Client, seen *dedup.Store, inbox *dedup.Inbox, log *slog.Logger) *ShipmentsConsumer {
	return &ShipmentsConsumer{
		reader: kafka.NewReader(kafka.ReaderConfig{
			Brokers:  brokers,
			GroupID:  "orders-shipments",
			Topic:    "shipments.updated",
			MaxWait:  time.Second,
			MinBytes: 1,
			MaxBytes: 10e6,
		}),
		rdb: rdb, orders: orders, notify: n, seen: seen, inbox: inbox, log: log,
	}
}

// Run keeps order shipment state in sync and tells the customer.
func (c *ShipmentsConsumer) Run(ctx context.Context) error {
	defer c.reader.Close()
	for {
		m, err := c.reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		if err := c.handle(ctx, m); err != nil {
			c.log.Error("shipment", "err", err)
			continue
		}
		if err := c.reader.CommitMessages(ctx, m); err != nil {
			return err
		}
	}
}

func (c *ShipmentsConsumer) handle(ctx context.Context, m kafka.Message) error {
	env, u, err := events.Decode[events.ShipmentUpdate](m.Value)
	if err != nil {
		return nil
	}
	if err := c.orders.SetShipmentStatus(ctx, u.OrderID, u.Status); err != nil {
		return err
	}
	if err := c.rdb.HSet(ctx, "shipment:"+u.ShipmentID, "status", u.Status, "carrier", u.Carrier).Err(); err != nil {
		return err
	}
	if u.Status != "delivered" {
		return nil
	}
	return c.notify.SendKeyed(ctx, "shipment-delivered:"+env.ID, notify.Message{
		Template: "order_delivered",
		To:       u.Email,
		Vars:     map[string]string{"order": u.OrderID},
	})
}

// RunCarrierFeed copies raw carrier events to the tracking stream read by the
// customer app.
func (c *ShipmentsConsumer) RunCarrierFeed(ctx context.Context) error {
	for {
		m, err := c.reader.ReadMessage(ctx)
		if err != nil {
			return err
		}
		var u events.ShipmentUpdate
		if err := json.Unmarshal(m.Value, &u); err != nil {
			continue
		}
		c.log.Debug("carrier event", "shipment", u.ShipmentID, "status", u.Status)
		if err := c.rdb.XAdd(ctx, &redis.XAddArgs{ // BUG: missingkey
			Stream: "tracking:" + u.OrderID,
			MaxLen: 500,
			Approx: true,
			Values: map[string]any{"status": u.Status, "carrier": u.Carrier},
		}).Err(); err != nil {
			c.log.Error("xadd", "err", err)
		}
		c.rdb.Expire(ctx, "tracking:"+u.OrderID, 30*24*time.Hour)
	}
}

// RunDeliveredStats counts deliveries per day for the ops dashboard.
func (c *ShipmentsConsumer) RunDeliveredStats(ctx context.Context) error {
	for {
		m, err := c.reader.ReadMessage(ctx)
		if err != nil {
			return err
		}
		env, u, err := events.Decode[events.ShipmentUpdate](m.Value)
		if err != nil || u.Status != "delivered" {
			continue
		}
		done, err := c.seen.Seen(ctx, "delivered-stats", env.ID)
		if err != nil || done {
			continue
		}
		c.rdb.Incr(ctx, "stats:delivered:"+env.OccurredAt.Format("2006-01-02"))
		_ = c.seen.Mark(ctx, "delivered-stats", env.ID)
	}
}

// RunReturns opens a return case when the carrier reports a parcel coming back.
func (c *ShipmentsConsumer) RunReturns(ctx context.Context) error {
	for {
		m, err := c.reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		if err := c.openReturn(ctx, m); err != nil { // BUG: missingkey
			c.log.Error("return", "err", err)
		}
		_ = c.reader.CommitMessages(ctx, m)
	}
}

func (c *ShipmentsConsumer) openReturn(ctx context.Context, m kafka.Message) error {
	var u events.ShipmentUpdate
	if err := json.Unmarshal(m.Value, &u); err != nil {
		return err
	}
	if u.Status != "returned_to_sender" {
		return nil
	}
	if err := c.orders.AppendHistory(ctx, u.OrderID, fmt.Sprintf("parcel %s returned by %s", u.ShipmentID, u.Carrier)); err != nil { // AMBIG: missingkey
		return err
	}
	return c.orders.ReleaseReservations(ctx, u.OrderID)
}

// RunTap logs every update for debugging in staging.
func (c *ShipmentsConsumer) RunTap(ctx context.Context) error {
	for {
		m, err := c.reader.ReadMessage(ctx)
		if err != nil {
			return err
		}
		var u events.ShipmentUpdate
		if err := json.Unmarshal(m.Value, &u); err != nil {
			c.log.Warn("tap: bad payload", "partition", m.Partition, "offset", m.Offset)
			continue
		}
		c.log.Info("tap", "order", u.OrderID, "status", u.Status, "lag", time.Since(m.Time))
		if _, err := c.orders.Get(ctx, u.OrderID); err != nil {
			c.log.Warn("tap: unknown order", "order", u.OrderID)
		}
	}
}

// RunLabels stores the label the carrier generated for a shipment.
func (c *ShipmentsConsumer) RunLabels(ctx context.Context) error {
	for {
		m, err := c.reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var l struct {
			ShipmentID string `json:"shipment_id"`
			URL        string `json:"label_url"`
		}
		if err := json.Unmarshal(m.Value, &l); err != nil {
			_ = c.reader.CommitMessages(ctx, m)
			continue
		}
		tx, fresh, err := c.inbox.Begin(ctx, messageID(m))
		if err != nil {
			return err
		}
		if !fresh {
			_ = c.reader.CommitMessages(ctx, m)
			continue
		}
		if _, err := tx.Exec(ctx, `INSERT INTO shipping_labels (shipment_id, url) VALUES ($1, $2)`, l.ShipmentID, l.URL); err != nil {
			_ = tx.Rollback(ctx)
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
		_ = c.reader.CommitMessages(ctx, m)
	}
}
