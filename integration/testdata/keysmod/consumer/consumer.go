// Package consumer dedups RabbitMQ deliveries in Redis (real amqp091-go, go-redis
// and redigo).
package consumer

import (
	"context"
	"time"

	"github.com/gomodule/redigo/redis"
	"github.com/google/uuid"
	amqp "github.com/rabbitmq/amqp091-go"
	goredis "github.com/redis/go-redis/v9"
)

type Event struct {
	ID     string `json:"id"`
	UserID string `json:"user_id"`
}

type Consumer struct {
	rdb  *goredis.Client
	pool *redis.Pool
}

func (c *Consumer) Coarse(ctx context.Context, evt Event) error {
	key := "processed:" + evt.UserID + ":" + time.Now().Format("2006-01-02") // want coarsekey
	_, err := c.rdb.SetNX(ctx, key, 1, 48*time.Hour).Result()
	return err
}

func (c *Consumer) ByEvent(ctx context.Context, evt Event) error {
	_, err := c.rdb.SetNX(ctx, "processed:"+evt.ID, 1, 48*time.Hour).Result()
	return err
}

func (c *Consumer) Fresh(ctx context.Context, d amqp.Delivery) error {
	_, err := c.rdb.SetNX(ctx, "evt:"+uuid.NewString(), 1, 48*time.Hour).Result() // want coarsekey
	return err
}

func (c *Consumer) Short(ctx context.Context, d amqp.Delivery) error {
	_, err := c.rdb.SetNX(ctx, "evt:"+d.MessageId, 1, 10*time.Minute).Result() // want dedupttl
	return err
}

func (c *Consumer) Nanoseconds(ctx context.Context, d amqp.Delivery) error {
	_, err := c.rdb.SetNX(ctx, "evt:"+d.MessageId, 1, 86400).Result() // want dedupttl
	return err
}

func (c *Consumer) Args(ctx context.Context, d amqp.Delivery) error {
	return c.rdb.SetArgs(ctx, "evt:"+d.MessageId, 1, goredis.SetArgs{Mode: "NX", TTL: time.Hour}).Err() // want dedupttl
}

func (c *Consumer) LongEnough(ctx context.Context, d amqp.Delivery) error {
	_, err := c.rdb.SetNX(ctx, "evt:"+d.MessageId, 1, 72*time.Hour).Result()
	return err
}

func (c *Consumer) Redigo(d amqp.Delivery) error {
	conn := c.pool.Get()
	defer conn.Close()
	_, err := conn.Do("SET", "evt:"+d.MessageId, 1, "NX", "EX", 600) // want dedupttl
	return err
}

func (c *Consumer) RateLimit(ctx context.Context, userID string) {
	key := "ratelimit:" + userID
	c.rdb.Incr(ctx, key)
	c.rdb.Expire(ctx, key, time.Minute)
}
