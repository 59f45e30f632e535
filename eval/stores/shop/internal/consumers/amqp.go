package consumers

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/rueidis"

	"example.com/shop/internal/catalog"
	"example.com/shop/internal/dedup"
)

// StockMessage is published by the warehouse system.
type StockMessage struct {
	Kind  string `json:"kind"`
	SKU   string `json:"sku"`
	Qty   int64  `json:"qty"`
	Batch string `json:"batch"`
}

// StockConsumer applies warehouse messages from RabbitMQ.
type StockConsumer struct {
	ch    *amqp.Channel
	queue string
	inv   *catalog.Inventory
	dedup *dedup.Store
	rdb   rueidis.Client
}

// NewStockConsumer wires a StockConsumer.
func NewStockConsumer(ch *amqp.Channel, queue string, inv *catalog.Inventory, d *dedup.Store, rdb rueidis.Client) *StockConsumer {
	return &StockConsumer{ch: ch, queue: queue, inv: inv, dedup: d, rdb: rdb}
}

// Run consumes with manual acks.
func (s *StockConsumer) Run(ctx context.Context) error {
	msgs, err := s.ch.ConsumeWithContext(ctx, s.queue, "shop-stock", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		if err := s.handle(ctx, d); err != nil {
			slog.Error("stock message", "id", d.MessageId, "err", err)
			_ = d.Nack(false, true)
			continue
		}
		_ = d.Ack(false)
	}
	return ctx.Err()
}

func (s *StockConsumer) handle(ctx context.Context, d amqp.Delivery) error {
	var msg StockMessage
	if err := json.Unmarshal(d.Body, &msg); err != nil {
		return nil // poison message: drop
	}
	switch msg.Kind {
	case "sold":
		return s.rdb.Do(ctx, s.rdb.B().Incrby().Key("stats:sold:"+msg.SKU).Increment(msg.Qty).Build()).Error() // BUG: missingkey
	case "adjusted":
		return s.inv.AdjustAtomic(ctx, msg.SKU, msg.Qty) // BUG: missingkey
	case "received":
		ok, err := s.dedup.Claim(ctx, "stock", d.MessageId)
		if err != nil || !ok {
			return err
		}
		return s.inv.AdjustAtomic(ctx, msg.SKU, msg.Qty)
	case "audited":
		ok, err := s.dedup.ClaimKey(ctx, "dedup:audit:"+d.MessageId, 15*time.Minute) // BUG: dedupttl
		if err != nil || !ok {
			return err
		}
		return s.rdb.Do(ctx, s.rdb.B().Lpush().Key("audit:"+msg.SKU).Element(msg.Batch+":"+strconv.FormatInt(msg.Qty, 10)).Build()).Error()
	case "counted":
		// A stock count is an absolute value: applying it twice is harmless.
		return s.inv.SetAvailable(ctx, msg.SKU, func(int64) int64 { return msg.Qty })
	case "batch":
		ok, err := s.dedup.ClaimKey(ctx, "dedup:batch:"+msg.Batch, 72*time.Hour)
		if err != nil || !ok {
			return err
		}
		return s.rdb.Do(ctx, s.rdb.B().Incrby().Key("stats:batches:"+msg.SKU).Increment(1).Build()).Error()
	}
	return nil
}
