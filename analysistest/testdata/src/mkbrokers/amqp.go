package mkbrokers

import (
	"context"
	"database/sql"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
)

type worker struct {
	ch  *amqp.Channel
	db  *sql.DB
	rdb *redis.Client
}

// Ranging over the delivery channel.
func (w *worker) run(ctx context.Context) error {
	msgs, err := w.ch.Consume("orders", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		w.ch.PublishWithContext(ctx, "", "emails", false, false, amqp.Publishing{Body: d.Body}) // want `RabbitMQ consumer publishes with PublishWithContext with no dedup claim`
		d.Ack(false)
	}
	return nil
}

// Claimed on the MessageId: silent.
func (w *worker) runClaimed(ctx context.Context) error {
	msgs, err := w.ch.ConsumeWithContext(ctx, "orders", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		if !w.rdb.SetNX(ctx, "amqp:"+d.MessageId, 1, 24*time.Hour).Val() {
			d.Ack(false)
			continue
		}
		w.db.ExecContext(ctx, "INSERT INTO orders (id) VALUES ($1)", d.MessageId)
		d.Ack(false)
	}
	return nil
}

// A per-delivery helper started from the loop.
func (w *worker) runHelper(ctx context.Context) error {
	msgs, err := w.ch.Consume("orders", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		if err := w.process(ctx, d); err != nil {
			d.Nack(false, true)
			continue
		}
		d.Ack(false)
	}
	return nil
}

func (w *worker) process(ctx context.Context, d amqp.Delivery) error {
	_, err := w.db.ExecContext(ctx, "INSERT INTO shipments (order_id) VALUES ($1)", d.MessageId) // want `RabbitMQ consumer inserts into shipments with no dedup claim`
	return err
}

// Publishing from an API handler loop over a slice is not a consumer.
func (w *worker) publishAll(ctx context.Context, bodies [][]byte) {
	for _, b := range bodies {
		w.ch.PublishWithContext(ctx, "", "emails", false, false, amqp.Publishing{Body: b})
	}
}
