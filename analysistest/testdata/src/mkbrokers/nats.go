package mkbrokers

import (
	"context"
	"database/sql"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/redis/go-redis/v9"
)

type natsSvc struct {
	nc  *nats.Conn
	js  jetstream.JetStream
	db  *sql.DB
	rdb *redis.Client
}

// A closure callback.
func (s *natsSvc) subscribe() {
	s.nc.QueueSubscribe("orders.created", "workers", func(m *nats.Msg) {
		s.db.Exec("INSERT INTO orders (body) VALUES ($1)", m.Data) // want `NATS subscriber inserts into orders with no dedup claim`
	})
}

// A method value as the callback.
func (s *natsSvc) subscribeMethod() {
	s.nc.Subscribe("payments.done", s.onPayment)
}

func (s *natsSvc) onPayment(m *nats.Msg) {
	s.rdb.RPush(context.Background(), "receipts", m.Data) // want `NATS subscriber runs RPUSH with no dedup claim`
}

// A named function that claims first.
func (s *natsSvc) subscribeClaimed() {
	s.nc.Subscribe("invoices", s.onInvoice)
}

func (s *natsSvc) onInvoice(m *nats.Msg) {
	id := m.Header["Nats-Msg-Id"]
	if len(id) == 0 {
		return
	}
	if !s.rdb.SetNX(context.Background(), "inv:"+id[0], 1, time.Hour).Val() {
		return
	}
	s.db.Exec("INSERT INTO invoices (body) VALUES ($1)", m.Data)
}

// JetStream Consume callback publishing with WithMsgID: the stream dedups it.
func (s *natsSvc) consumeKeyed(cons jetstream.Consumer) {
	cons.Consume(func(msg jetstream.Msg) {
		s.js.Publish(context.Background(), "audit", msg.Data(), jetstream.WithMsgID(msg.Subject()))
		msg.Ack()
	})
}

// The same publish without a message id.
func (s *natsSvc) consumeUnkeyed(cons jetstream.Consumer) {
	cons.Consume(func(msg jetstream.Msg) {
		s.js.Publish(context.Background(), "audit", msg.Data()) // want `JetStream consumer publishes with Publish with no dedup claim`
		msg.Ack()
	})
}

// A Fetch batch ranged over.
func (s *natsSvc) fetch(cons jetstream.Consumer) error {
	batch, err := cons.Fetch(10)
	if err != nil {
		return err
	}
	for msg := range batch.Messages() {
		s.nc.Publish("mirror", msg.Data()) // want `JetStream consumer publishes with Publish with no dedup claim`
		msg.Ack()
	}
	return nil
}

// Request/reply through Publish outside a subscription: not an entry point.
func (s *natsSvc) announce() {
	s.nc.Publish("hello", []byte("hi"))
}
