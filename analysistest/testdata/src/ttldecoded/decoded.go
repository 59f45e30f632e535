// Package ttldecoded claims the id of a payload decoded from a delivered message:
// the key's id is the message's own, whatever its struct is called.
package ttldecoded

import (
	"context"
	"encoding/json"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
)

type SMS struct {
	ID   string `json:"id"`
	Body string `json:"body"`
}

type Customer struct {
	ID string `json:"id"`
}

type Consumer struct{ rdb *redis.Client }

// positive: the payload's id, decoded from the delivery, claimed for four hours.
func (c *Consumer) Consume(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var m SMS
		if json.Unmarshal(d.Body, &m) != nil {
			continue
		}
		c.rdb.SetNX(ctx, "sms:"+m.ID, 1, 4*time.Hour) // want `dedup marker "sms:"\+m.ID expires after 4h0m0s`
	}
}

// negative twin: the same payload decoded from bytes that are no delivery.
func (c *Consumer) Replay(ctx context.Context, raw []byte) {
	var m SMS
	if json.Unmarshal(raw, &m) != nil {
		return
	}
	c.rdb.SetNX(ctx, "sms:"+m.ID, 1, 4*time.Hour)
}

// negative twin: the decoded struct says it is a customer: a per-customer throttle.
func (c *Consumer) ConsumeCustomers(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var m Customer
		if json.Unmarshal(d.Body, &m) != nil {
			continue
		}
		c.rdb.SetNX(ctx, "sms:"+m.ID, 1, 4*time.Hour)
	}
}

// negative twin: three days.
func (c *Consumer) ConsumeLong(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var m SMS
		if json.Unmarshal(d.Body, &m) != nil {
			continue
		}
		c.rdb.SetNX(ctx, "sms:"+m.ID, 1, 72*time.Hour)
	}
}

// positive: a Kafka message's value, read through a pointer to it.
func (c *Consumer) ConsumeKafka(ctx context.Context, r *kafka.Reader) {
	for {
		msg, err := r.FetchMessage(ctx)
		if err != nil {
			return
		}
		p := &msg
		var m SMS
		if json.Unmarshal(p.Value, &m) == nil {
			c.rdb.SetNX(ctx, "sms:"+m.ID, 1, time.Hour) // want `dedup marker "sms:"\+m.ID expires after 1h0m0s`
		}
	}
}
