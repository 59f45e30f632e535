// Package legacy is the SMS gateway inherited from the old notify-node service.
package legacy

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	amqp "github.com/rabbitmq/amqp091-go"
)

const (
	smsDedupSeconds = 4 * 60 * 60
	lockMillis      = 5000
	otpTTL          = 5 * time.Minute
)

var releaseLock = redigo.NewScript(1, `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`)

// SMS is a queued text message.
type SMS struct {
	ID    string `json:"id"`
	To    string `json:"to"`
	Body  string `json:"body"`
	Batch string `json:"batch"`
}

// Carrier sends SMS through the carrier's API.
type Carrier interface {
	Send(ctx context.Context, to, body string) error
}

// Gateway sends queued SMS.
type Gateway struct {
	Pool    *redigo.Pool
	Carrier Carrier
	Log     *slog.Logger
	// RetentionSeconds comes from the deployment's config map.
	RetentionSeconds int
}

// Consume reads the "notify.sms" queue.
func (g *Gateway) Consume(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var m SMS
		if json.Unmarshal(d.Body, &m) != nil {
			_ = d.Reject(false)
			continue
		}
		conn := g.Pool.Get()
		_, err := redigo.String(conn.Do("SET", "sms:sent:"+m.ID, d.Timestamp.Unix(), "NX", "EX", smsDedupSeconds)) // BUG: dedupttl
		conn.Close()
		if err == redigo.ErrNil {
			_ = d.Ack(false)
			continue
		}
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		if err := g.Carrier.Send(ctx, m.To, m.Body); err != nil {
			g.Log.Error("carrier", "sms", m.ID, "err", err)
		}
		_ = d.Ack(false)
	}
}

// ConsumeConfigured is Consume with the retention from the config map.
func (g *Gateway) ConsumeConfigured(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var m SMS
		if json.Unmarshal(d.Body, &m) != nil {
			_ = d.Reject(false)
			continue
		}
		conn := g.Pool.Get()
		reply, err := conn.Do("SET", "sms:sent:"+m.ID, 1, "NX", "EX", g.RetentionSeconds)
		conn.Close()
		if err == nil && reply != nil {
			_ = g.Carrier.Send(ctx, m.To, m.Body)
		}
		_ = d.Ack(false)
	}
}

// SendBatch sends a marketing batch; one replica per batch, lock released when done.
func (g *Gateway) SendBatch(ctx context.Context, batchID, token string, msgs []SMS) error {
	conn := g.Pool.Get()
	defer conn.Close()
	reply, err := conn.Do("SET", "sms:batch:lock:"+batchID, token, "NX", "PX", lockMillis)
	if err != nil || reply == nil {
		return err
	}
	defer releaseLock.Do(conn, "sms:batch:lock:"+batchID, token)
	for _, m := range msgs {
		if err := g.Carrier.Send(ctx, m.To, m.Body); err != nil {
			return err
		}
	}
	return nil
}

// SendOTP sends a one-time code; the code itself is kept for five minutes.
func (g *Gateway) SendOTP(ctx context.Context, phone, code string) error {
	conn := g.Pool.Get()
	defer conn.Close()
	if _, err := conn.Do("SET", "otp:"+phone, code, "EX", int(otpTTL.Seconds())); err != nil {
		return err
	}
	return g.Carrier.Send(ctx, phone, "Your code is "+code)
}

// MarkDelivered records a carrier delivery receipt after checking it is new.
func (g *Gateway) MarkDelivered(ctx context.Context, receiptID string, apply func() error) error {
	conn := g.Pool.Get()
	defer conn.Close()
	seen, err := redigo.Bool(conn.Do("EXISTS", "sms:dlr:"+receiptID))
	if err != nil || seen {
		return err
	}
	if err := apply(); err != nil {
		return err
	}
	_, err = conn.Do("SET", "sms:dlr:"+receiptID, 1, "EX", 2*24*60*60)
	return err
}

// MarkFailed records a carrier failure receipt after checking it is new.
func (g *Gateway) MarkFailed(ctx context.Context, receiptID string, apply func() error) error {
	conn := g.Pool.Get()
	defer conn.Close()
	seen, err := redigo.Bool(conn.Do("EXISTS", "sms:dlr:fail:"+receiptID))
	if err != nil || seen {
		return err
	}
	if err := apply(); err != nil {
		return err
	}
	_, err = conn.Do("SET", "sms:dlr:fail:"+receiptID, 1, "EX", 8*60*60) // BUG: dedupttl
	return err
}
