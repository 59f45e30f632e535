package mkbrokers

import (
	"context"
	"database/sql"
	"time"

	"github.com/IBM/sarama"
	"github.com/redis/go-redis/v9"
)

type groupHandler struct {
	db   *sql.DB
	rdb  *redis.Client
	prod sarama.SyncProducer
}

func (h *groupHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *groupHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

// A ConsumeClaim that inserts per message.
func (h *groupHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		h.db.Exec("INSERT INTO events (id, body) VALUES ($1, $2)", string(msg.Key), msg.Value) // want `kafka consumer inserts into events with no dedup claim`
		sess.MarkMessage(msg, "")
	}
	return nil
}

type forwarder struct{ groupHandler }

// Forwarding to another topic with a select loop.
func (f *forwarder) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for {
		select {
		case msg, ok := <-claim.Messages():
			if !ok {
				return nil
			}
			f.prod.SendMessage(&sarama.ProducerMessage{Topic: "out", Value: sarama.StringEncoder(msg.Value)}) // want `kafka consumer publishes with SendMessage with no dedup claim`
			sess.MarkMessage(msg, "")
		case <-sess.Context().Done():
			return nil
		}
	}
}

type claimed struct{ groupHandler }

// Claimed per message: silent.
func (c *claimed) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	ctx := sess.Context()
	for msg := range claim.Messages() {
		ok, err := c.rdb.SetNX(ctx, "sarama:"+string(msg.Key), 1, 48*time.Hour).Result()
		if err != nil {
			return err
		}
		if ok {
			c.db.Exec("INSERT INTO events (id) VALUES ($1)", string(msg.Key))
		}
		sess.MarkMessage(msg, "")
	}
	return nil
}

type upserter struct{ groupHandler }

// An UPSERT is idempotent: silent.
func (u *upserter) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		u.db.Exec("INSERT INTO events (id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body", string(msg.Key), msg.Value)
		sess.MarkMessage(msg, "")
	}
	return nil
}

// A batch loop outside a consumer: not an entry point.
func replay(ctx context.Context, db *sql.DB, rows [][]byte) {
	for _, r := range rows {
		db.ExecContext(ctx, "INSERT INTO events (body) VALUES ($1)", r)
	}
}
