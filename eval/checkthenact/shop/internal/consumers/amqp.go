package consumers

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"

	"example.com/shop/internal/cache"
	"example.com/shop/internal/inventory"
)

// StockConsumer applies warehouse stock events from RabbitMQ.
type StockConsumer struct {
	ch      *amqp.Channel
	inv     *inventory.Service
	rdb     redis.UniversalClient
	workers cache.Typed[string, time.Time]
	log     *slog.Logger
}

func NewStockConsumer(ch *amqp.Channel, inv *inventory.Service, rdb redis.UniversalClient, log *slog.Logger) *StockConsumer {
	return &StockConsumer{ch: ch, inv: inv, rdb: rdb, log: log}
}

// Run consumes the stock queue.
func (c *StockConsumer) Run(ctx context.Context) error {
	deliveries, err := c.ch.ConsumeWithContext(ctx, "stock.adjustments", "inventory", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range deliveries {
		processed, err := c.rdb.HExists(ctx, "amqp:processed", d.MessageId).Result()
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		if processed {
			_ = d.Ack(false)
			continue
		}
		var evt inventory.StockEvent
		if err := json.Unmarshal(d.Body, &evt); err != nil {
			_ = d.Reject(false)
			continue
		}
		if err := c.inv.ReserveScript(ctx, evt.SKU, -evt.Delta); err != nil {
			_ = d.Nack(false, true)
			continue
		}
		c.rdb.HSet(ctx, "amqp:processed", d.MessageId, time.Now().Unix()) // BUG: checkthenact
		_ = d.Ack(false)
	}
	return nil
}

var claimLua = redis.NewScript(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`)

// RunLua claims each delivery with a Lua script.
func (c *StockConsumer) RunLua(ctx context.Context) error {
	deliveries, err := c.ch.ConsumeWithContext(ctx, "stock.adjustments", "inventory-lua", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range deliveries {
		if processed, _ := c.rdb.HExists(ctx, "amqp:processed", d.MessageId).Result(); processed {
			_ = d.Ack(false)
			continue
		}
		won, err := c.rdb.Eval(ctx, `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`, []string{"amqp:processed"}, d.MessageId, time.Now().Unix()).Int()
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		if won == 1 {
			var evt inventory.StockEvent
			if json.Unmarshal(d.Body, &evt) == nil {
				_ = c.inv.ApplyStockEventNX(ctx, evt)
			}
		}
		_ = d.Ack(false)
	}
	return nil
}

// RunScript claims with a preloaded script.
func (c *StockConsumer) RunScript(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		won, err := claimLua.Run(ctx, c.rdb, []string{"amqp:processed"}, d.MessageId, time.Now().Unix()).Int()
		if err != nil || won == 0 {
			_ = d.Ack(false)
			continue
		}
		var evt inventory.StockEvent
		if json.Unmarshal(d.Body, &evt) == nil {
			_ = c.inv.ApplyStockEventSAdd(ctx, evt)
		}
		_ = d.Ack(false)
	}
}

// RunLocalWorkers tracks which delivery tags are in flight on this process.
func (c *StockConsumer) RunLocalWorkers(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		if _, busy := c.workers.GetOrSet(d.MessageId, time.Now()); busy {
			_ = d.Nack(false, true)
			continue
		}
		go func(d amqp.Delivery) {
			defer c.workers.Delete(d.MessageId)
			var evt inventory.StockEvent
			if json.Unmarshal(d.Body, &evt) == nil {
				_ = c.inv.ApplyRedislock(ctx, evt)
			}
			_ = d.Ack(false)
		}(d)
	}
}
