// Package stock consumes inventory topics with a sarama consumer group.
package stock

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/IBM/sarama"
	"github.com/redis/go-redis/v9"

	"example.com/orders/internal/dedup"
	"example.com/orders/internal/events"
	"example.com/orders/internal/store"
)

// MovesHandler applies warehouse stock movements.
type MovesHandler struct {
	DB  *sql.DB
	Log *slog.Logger
}

func (h *MovesHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *MovesHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (h *MovesHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		var mv events.StockMoved
		if err := json.Unmarshal(msg.Value, &mv); err != nil {
			h.Log.Warn("bad stock move", "offset", msg.Offset)
			sess.MarkMessage(msg, "")
			continue
		}
		_, err := h.DB.ExecContext(sess.Context(), // BUG: missingkey
			`UPDATE stock SET on_hand = on_hand + $1 WHERE sku = $2 AND warehouse = $3`,
			mv.Delta, mv.SKU, mv.Warehouse)
		if err != nil {
			return err
		}
		sess.MarkMessage(msg, "")
	}
	return nil
}

// ReservationsHandler confirms reservations to the storefront.
type ReservationsHandler struct {
	RDB      *redis.Client
	Producer sarama.SyncProducer
	Log      *slog.Logger
}

func (h *ReservationsHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *ReservationsHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (h *ReservationsHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for {
		select {
		case msg, ok := <-claim.Messages():
			if !ok {
				return nil
			}
			env, o, err := events.Decode[events.OrderPlaced](msg.Value)
			if err != nil {
				sess.MarkMessage(msg, "")
				continue
			}
			_, err = h.RDB.SetArgs(sess.Context(), "reserve:"+env.ID, 1, redis.SetArgs{Mode: "NX", TTL: 72 * time.Hour}).Result()
			if errors.Is(err, redis.Nil) {
				sess.MarkMessage(msg, "")
				continue
			}
			if err != nil {
				return err
			}
			out, _ := json.Marshal(map[string]any{"order_id": o.OrderID, "items": o.Items})
			if _, _, err := h.Producer.SendMessage(&sarama.ProducerMessage{
				Topic: "reservations.confirmed",
				Key:   sarama.StringEncoder(o.OrderID),
				Value: sarama.ByteEncoder(out),
			}); err != nil {
				return err
			}
			sess.MarkMessage(msg, "")
		case <-sess.Context().Done():
			return nil
		}
	}
}

// PricesHandler keeps the price table and the price cache current.
type PricesHandler struct {
	DB  *sql.DB
	RDB *redis.Client
}

func (h *PricesHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *PricesHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (h *PricesHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	ctx := sess.Context()
	for msg := range claim.Messages() {
		var p struct {
			SKU        string `json:"sku"`
			PriceCents int64  `json:"price_cents"`
			Retired    bool   `json:"retired"`
		}
		if err := json.Unmarshal(msg.Value, &p); err != nil {
			sess.MarkMessage(msg, "")
			continue
		}
		if p.Retired {
			if _, err := h.DB.ExecContext(ctx, `DELETE FROM prices WHERE sku = $1`, p.SKU); err != nil {
				return err
			}
			h.RDB.Del(ctx, "price:"+p.SKU)
			sess.MarkMessage(msg, "")
			continue
		}
		if _, err := h.DB.ExecContext(ctx,
			`INSERT INTO prices (sku, price_cents, updated_at) VALUES ($1, $2, now())
			 ON CONFLICT (sku) DO UPDATE SET price_cents = EXCLUDED.price_cents, updated_at = now()`,
			p.SKU, p.PriceCents); err != nil {
			return err
		}
		h.RDB.Set(ctx, "price:"+p.SKU, p.PriceCents, time.Hour)
		sess.MarkMessage(msg, "")
	}
	return nil
}

// BackorderHandler tells purchasing when a placed order cannot be filled.
// Producers that set an idempotency-key header get deduplicated.
type BackorderHandler struct {
	Claims   *dedup.Store
	Producer sarama.SyncProducer
	Log      *slog.Logger
}

func (h *BackorderHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *BackorderHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func header(msg *sarama.ConsumerMessage, name string) string {
	for _, rh := range msg.Headers {
		if string(rh.Key) == name {
			return string(rh.Value)
		}
	}
	return ""
}

func (h *BackorderHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		if key := header(msg, "idempotency-key"); key != "" {
			ok, err := h.Claims.Claim(sess.Context(), "backorder", key)
			if err != nil {
				return err
			}
			if !ok {
				sess.MarkMessage(msg, "")
				continue
			}
		}
		if _, _, err := h.Producer.SendMessage(&sarama.ProducerMessage{ // BUG: missingkey
			Topic: "purchasing.backorders",
			Value: sarama.ByteEncoder(msg.Value),
		}); err != nil {
			h.Log.Error("backorder", "err", err)
			return err
		}
		sess.MarkMessage(msg, "")
	}
	return nil
}

// ImportHandler materialises orders replicated from the marketplace cluster.
type ImportHandler struct {
	Orders *store.OrderRepo
	Log    *slog.Logger
}

func (h *ImportHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *ImportHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (h *ImportHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		if err := h.importOne(sess.Context(), msg); err != nil { // BUG: missingkey
			h.Log.Error("import", "topic", msg.Topic, "offset", msg.Offset, "err", err)
		}
		sess.MarkMessage(msg, "")
	}
	return nil
}

func (h *ImportHandler) importOne(ctx context.Context, msg *sarama.ConsumerMessage) error {
	_, o, err := events.Decode[events.OrderPlaced](msg.Value)
	if err != nil {
		return err
	}
	if len(o.Items) == 0 {
		return nil
	}
	return h.Orders.Create(ctx, o) // AMBIG: missingkey
}
