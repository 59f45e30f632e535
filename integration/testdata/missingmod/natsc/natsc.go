// Package natsc subscribes with nats-io/nats.go.
package natsc

import (
	"context"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/redis/go-redis/v9"
)

// Service handles orders.
type Service struct {
	NC  *nats.Conn
	JS  jetstream.JetStream
	RDB *redis.Client
}

// Start subscribes its handlers.
func (s *Service) Start() {
	s.NC.QueueSubscribe("orders", "workers", s.onOrder)
	s.NC.Subscribe("clicks", func(m *nats.Msg) {
		s.RDB.Incr(context.Background(), "clicks:"+m.Subject) // want missingkey
	})
}

func (s *Service) onOrder(m *nats.Msg) {
	if !s.RDB.SetNX(context.Background(), "order:"+string(m.Data), 1, time.Hour).Val() {
		return
	}
	s.NC.Publish("orders.accepted", m.Data)
}

// Consume mirrors a stream with message ids: JetStream drops the duplicates.
func (s *Service) Consume(cons jetstream.Consumer) (jetstream.ConsumeContext, error) {
	return cons.Consume(func(msg jetstream.Msg) {
		s.JS.Publish(context.Background(), "mirror", msg.Data(), jetstream.WithMsgID(msg.Headers().Get("Nats-Msg-Id")))
		msg.Ack()
	})
}
