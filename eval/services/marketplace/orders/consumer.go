// Package orders consumes the order topics from Kafka. The readers commit
// offsets after handling, so a crash between handling and commit redelivers.
package orders

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/segmentio/kafka-go"

	"example.com/marketplace/internal/config"
	"example.com/marketplace/internal/dedup"
	"example.com/marketplace/internal/events"
)

// Consumer handles the order topics.
type Consumer struct {
	db           *pgxpool.Pool
	dedup        *dedup.Store
	sellerEvents *kafka.Writer
	logisticsURL string
}

// NewConsumer wires a consumer.
func NewConsumer(db *pgxpool.Pool, d *dedup.Store, w *kafka.Writer, logisticsURL string) *Consumer {
	return &Consumer{db: db, dedup: d, sellerEvents: w, logisticsURL: logisticsURL}
}

func decodeEvent(m kafka.Message) (events.OrderEvent, error) {
	var ev events.OrderEvent
	err := json.Unmarshal(m.Value, &ev)
	return ev, err
}

// RunPlaced consumes order.placed: reserve the order lines and tell the seller.
func (c *Consumer) RunPlaced(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		ev, err := decodeEvent(m)
		if err != nil {
			log.Printf("order.placed: bad payload at offset %d: %v", m.Offset, err)
			r.CommitMessages(ctx, m)
			continue
		}
		ok, err := c.dedup.Claim(ctx, "order.placed:"+ev.EventID)
		if err != nil {
			return err
		}
		if ok {
			if err := c.reserveLines(ctx, ev); err != nil {
				return err
			}
			if err := c.sellerEvents.WriteMessages(ctx, kafka.Message{Key: []byte(ev.SellerID), Value: m.Value}); err != nil {
				return err
			}
		}
		if err := r.CommitMessages(ctx, m); err != nil {
			return err
		}
	}
}

func (c *Consumer) reserveLines(ctx context.Context, ev events.OrderEvent) error {
	_, err := c.db.Exec(ctx, "INSERT INTO reservations (order_id, seller_id, status) VALUES ($1, $2, 'held')", ev.OrderID, ev.SellerID)
	return err
}

// RunCancelled consumes order.cancelled: give the stock back.
func (c *Consumer) RunCancelled(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		ev, err := decodeEvent(m)
		if err != nil {
			r.CommitMessages(ctx, m)
			continue
		}
		if err := c.releaseStock(ctx, ev); err != nil {
			return err
		}
		if _, err := c.db.Exec(ctx, "UPDATE orders SET status = 'cancelled' WHERE id = $1", ev.OrderID); err != nil {
			return err
		}
		r.CommitMessages(ctx, m)
	}
}

func (c *Consumer) releaseStock(ctx context.Context, ev events.OrderEvent) error {
	_, err := c.db.Exec(ctx, "UPDATE inventory SET available = available + r.quantity FROM order_lines r WHERE r.order_id = $1 AND inventory.sku = r.sku", ev.OrderID) // BUG: missingkey
	return err
}

// RunPaid consumes order.paid: book the pickup at the logistics partner.
func (c *Consumer) RunPaid(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		ev, err := decodeEvent(m)
		if err != nil {
			continue
		}
		body, _ := json.Marshal(map[string]any{"order_id": ev.OrderID, "seller_id": ev.SellerID})
		resp, err := http.Post(c.logisticsURL+"/v2/pickups", "application/json", bytes.NewReader(body)) // BUG: missingkey
		if err != nil {
			log.Printf("pickup for %s: %v", ev.OrderID, err)
			continue
		}
		resp.Body.Close()
	}
}

// RunShipped consumes order.shipped and records the shipment; processed
// events are remembered in Redis.
func (c *Consumer) RunShipped(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		ev, err := decodeEvent(m)
		if err != nil {
			r.CommitMessages(ctx, m)
			continue
		}
		seen, err := c.dedup.Seen(ctx, "order.shipped:"+ev.EventID)
		if err != nil {
			return err
		}
		if !seen {
			if _, err := c.db.Exec(ctx, "INSERT INTO shipments (order_id, seller_id) VALUES ($1, $2)", ev.OrderID, ev.SellerID); err != nil {
				return err
			}
			c.dedup.Mark(ctx, "order.shipped:"+ev.EventID, config.DedupWindow) // BUG: checkthenact
		}
		r.CommitMessages(ctx, m)
	}
}

// RunDelivered consumes order.delivered and opens the review window.
func (c *Consumer) RunDelivered(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		ev, err := decodeEvent(m)
		if err != nil {
			r.CommitMessages(ctx, m)
			continue
		}
		_, _ = c.dedup.Claim(ctx, "order.delivered:"+ev.EventID)
		if _, err := c.db.Exec(ctx, "INSERT INTO review_invitations (order_id, buyer_id) VALUES ($1, $2)", ev.OrderID, ev.BuyerID); err != nil { // BUG: missingkey
			return err
		}
		r.CommitMessages(ctx, m)
	}
}

// RunRefunded consumes order.refunded through the shared Once helper.
func (c *Consumer) RunRefunded(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		ev, err := decodeEvent(m)
		if err != nil {
			r.CommitMessages(ctx, m)
			continue
		}
		err = c.dedup.Once(ctx, "order.refunded:"+ev.EventID, func(ctx context.Context) error {
			_, err := c.db.Exec(ctx, "INSERT INTO refunds_ledger (order_id, amount_cents) VALUES ($1, $2)", ev.OrderID, -ev.TotalCents)
			return err
		})
		if err != nil && !errors.Is(err, dedup.ErrDuplicate) {
			return err
		}
		r.CommitMessages(ctx, m)
	}
}

// RunDisputed consumes order.disputed with a transactional inbox.
func (c *Consumer) RunDisputed(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		ev, err := decodeEvent(m)
		if err != nil {
			r.CommitMessages(ctx, m)
			continue
		}
		tx, err := c.db.Begin(ctx)
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, "INSERT INTO inbox (event_id) VALUES ($1) ON CONFLICT DO NOTHING", ev.EventID)
		if err != nil {
			tx.Rollback(ctx)
			return err
		}
		if tag.RowsAffected() == 1 {
			if _, err := tx.Exec(ctx, "INSERT INTO disputes (order_id, seller_id) VALUES ($1, $2)", ev.OrderID, ev.SellerID); err != nil {
				tx.Rollback(ctx)
				return err
			}
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
		r.CommitMessages(ctx, m)
	}
}

// RunSellerFeed republishes order.placed for the seller app, without any claim.
func (c *Consumer) RunSellerFeed(ctx context.Context, r *kafka.Reader) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		if err := c.sellerEvents.WriteMessages(ctx, kafka.Message{Key: m.Key, Value: m.Value}); err != nil { // BUG: missingkey
			return err
		}
		r.CommitMessages(ctx, m)
	}
}
