// Package mkrueidis holds missingkey cases for rueidis and valkey-go builder
// chains, and for handlers whose paths each repeat an effect of their own.
package mkrueidis

import (
	"context"
	"database/sql"
	"encoding/json"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/rueidis"
	"github.com/valkey-io/valkey-go"
)

type stock struct {
	ch  *amqp.Channel
	rdb rueidis.Client
	kv  valkey.Client
	db  *sql.DB
}

type stockMessage struct {
	Kind string `json:"kind"`
	SKU  string `json:"sku"`
	Qty  int64  `json:"qty"`
}

func (s *stock) run(ctx context.Context) error {
	msgs, err := s.ch.ConsumeWithContext(ctx, "stock", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		if err := s.handle(ctx, d); err != nil {
			d.Nack(false, true)
			continue
		}
		d.Ack(false)
	}
	return nil
}

// Each kind of message repeats its own effect on a redelivery: one finding per case.
func (s *stock) handle(ctx context.Context, d amqp.Delivery) error {
	var m stockMessage
	if err := json.Unmarshal(d.Body, &m); err != nil {
		return nil
	}
	switch m.Kind {
	case "sold":
		return s.rdb.Do(ctx, s.rdb.B().Incrby().Key("stats:sold:"+m.SKU).Increment(m.Qty).Build()).Error() // want `RabbitMQ consumer runs INCRBY with no dedup claim`
	case "audited":
		return s.kv.Do(ctx, s.kv.B().Lpush().Key("audit:"+m.SKU).Element(d.MessageId).Build()).Error() // want `RabbitMQ consumer runs LPUSH with no dedup claim`
	case "announced":
		return s.rdb.Do(ctx, s.rdb.B().Publish().Channel("stock").Message(m.SKU).Build()).Error() // want `RabbitMQ consumer runs PUBLISH with no dedup claim`
	case "received":
		// Claimed on the message id: a redelivery finds the marker.
		err := s.rdb.Do(ctx, s.rdb.B().Set().Key("seen:"+d.MessageId).Value("1").Nx().ExSeconds(86400).Build()).Error()
		if rueidis.IsRedisNil(err) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.rdb.Do(ctx, s.rdb.B().Incrby().Key("stats:received:"+m.SKU).Increment(m.Qty).Build()).Error()
	case "expired":
		// The claim's result is dropped: every redelivery counts again.
		s.rdb.Do(ctx, s.rdb.B().Set().Key("seen:"+d.MessageId).Value("1").Nx().ExSeconds(86400).Build())
		return s.rdb.Do(ctx, s.rdb.B().Incrby().Key("stats:expired:"+m.SKU).Increment(m.Qty).Build()).Error() // want `the result of SET NX is ignored`
	case "counted":
		// An absolute value: writing it twice is harmless.
		return s.rdb.Do(ctx, s.rdb.B().Set().Key("stock:"+m.SKU).Value(d.MessageId).Build()).Error()
	}
	return nil
}

// Two effects one after the other: one finding, at the first; a claim before it
// fixes both.
func (s *stock) handleSequence(ctx context.Context, d amqp.Delivery) error {
	if _, err := s.db.ExecContext(ctx, "INSERT INTO moves (id) VALUES ($1)", d.MessageId); err != nil { // want `RabbitMQ consumer inserts into moves with no dedup claim`
		return err
	}
	return s.rdb.Do(ctx, s.rdb.B().Incrby().Key("stats:moves").Increment(1).Build()).Error()
}

func (s *stock) runSequence(ctx context.Context) error {
	msgs, err := s.ch.Consume("moves", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		s.handleSequence(ctx, d)
		d.Ack(false)
	}
	return nil
}

// Branches in the loop body itself: the next message's iteration does not make
// the second branch's effect follow the first's.
func (s *stock) runBranches(ctx context.Context) error {
	msgs, err := s.ch.Consume("branches", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		if d.Type == "sale" {
			s.db.ExecContext(ctx, "INSERT INTO sales (id) VALUES ($1)", d.MessageId) // want `RabbitMQ consumer inserts into sales with no dedup claim`
		} else {
			s.kv.Do(ctx, s.kv.B().Incrby().Key("stats:other").Increment(1).Build()) // want `RabbitMQ consumer runs INCRBY with no dedup claim`
		}
		d.Ack(false)
	}
	return nil
}
