// Package mailer consumes the email queues on RabbitMQ.
package mailer

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"

	"example.com/orders/internal/dedup"
	"example.com/orders/internal/notify"
	"example.com/orders/internal/store"
)

type Email struct {
	To        string            `json:"to"`
	Template  string            `json:"template"`
	Vars      map[string]string `json:"vars"`
	AccountID string            `json:"account_id"`
}

// Consumer owns one AMQP channel per queue it reads.
type Consumer struct {
	conn   *amqp.Connection
	rdb    *redis.Client
	db     *sql.DB
	mail   *notify.Client
	claims *dedup.Store
	ledger *store.Ledger
	log    *slog.Logger
}

func New(conn *amqp.Connection, rdb *redis.Client, db *sql.DB, mail *notify.Client, claims *dedup.Store, ledger *store.Ledger, log *slog.Logger) *Consumer {
	return &Consumer{conn: conn, rdb: rdb, db: db, mail: mail, claims: claims, ledger: ledger, log: log}
}

func (c *Consumer) consume(ctx context.Context, queue string) (*amqp.Channel, <-chan amqp.Delivery, error) {
	ch, err := c.conn.Channel()
	if err != nil {
		return nil, nil, err
	}
	if err := ch.Qos(20, 0, false); err != nil {
		return nil, nil, err
	}
	msgs, err := ch.ConsumeWithContext(ctx, queue, "orders-mailer", false, false, false, false, nil)
	if err != nil {
		return nil, nil, err
	}
	return ch, msgs, nil
}

func decode(d amqp.Delivery) (Email, bool) {
	var e Email
	if err := json.Unmarshal(d.Body, &e); err != nil {
		_ = d.Reject(false)
		return e, false
	}
	return e, true
}

// RunWelcome sends the welcome email once per signup.
func (c *Consumer) RunWelcome(ctx context.Context) error {
	_, msgs, err := c.consume(ctx, "mail.welcome")
	if err != nil {
		return err
	}
	for d := range msgs {
		e, ok := decode(d)
		if !ok {
			continue
		}
		first, err := c.claims.Claim(ctx, "welcome", d.MessageId)
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		if !first {
			_ = d.Ack(false)
			continue
		}
		if err := c.mail.Send(ctx, notify.Message{Template: "welcome", To: e.To, Vars: e.Vars}); err != nil {
			_ = c.claims.Release(ctx, "welcome", d.MessageId)
			_ = d.Nack(false, true)
			continue
		}
		_ = d.Ack(false)
	}
	return nil
}

// RunReceipts mails the order receipt.
func (c *Consumer) RunReceipts(ctx context.Context) error {
	_, msgs, err := c.consume(ctx, "mail.receipts")
	if err != nil {
		return err
	}
	for d := range msgs {
		e, ok := decode(d)
		if !ok {
			continue
		}
		if e.To == "" {
			_ = d.Ack(false)
			continue
		}
		if err := c.mail.Send(ctx, notify.Message{Template: "receipt", To: e.To, Vars: e.Vars}); err != nil { // BUG: missingkey
			c.log.Warn("receipt", "err", err)
			_ = d.Nack(false, true)
			continue
		}
		_ = d.Ack(false)
	}
	return nil
}

// RunReminders re-sends abandoned-cart reminders; the producer retries, so
// we keep a marker per message.
func (c *Consumer) RunReminders(ctx context.Context) error {
	_, msgs, err := c.consume(ctx, "mail.reminders")
	if err != nil {
		return err
	}
	for d := range msgs {
		e, ok := decode(d)
		if !ok {
			continue
		}
		if err := c.rdb.SetNX(ctx, "mail:reminder:"+d.MessageId, 1, 48*time.Hour).Err(); err != nil { // AMBIG: missingkey
			_ = d.Nack(false, true)
			continue
		}
		if err := c.mail.Send(ctx, notify.Message{Template: "cart_reminder", To: e.To}); err != nil { // BUG: missingkey
			_ = d.Nack(false, true)
			continue
		}
		_ = d.Ack(false)
	}
	return nil
}

// RunBounces unsubscribes addresses the provider reported as bouncing.
func (c *Consumer) RunBounces(ctx context.Context) error {
	_, msgs, err := c.consume(ctx, "mail.bounces")
	if err != nil {
		return err
	}
	for d := range msgs {
		e, ok := decode(d)
		if !ok {
			continue
		}
		if _, err := c.db.ExecContext(ctx, `UPDATE subscribers SET status = 'bounced', updated_at = now() WHERE email = $1`, e.To); err != nil {
			_ = d.Nack(false, true)
			continue
		}
		if _, err := c.db.ExecContext(ctx, `DELETE FROM send_queue WHERE email = $1`, e.To); err != nil {
			_ = d.Nack(false, true)
			continue
		}
		c.rdb.SAdd(ctx, "mail:suppressed", e.To)
		_ = d.Ack(false)
	}
	return nil
}

// RunDigest fans the weekly digest request out to the renderer.
func (c *Consumer) RunDigest(ctx context.Context) error {
	ch, msgs, err := c.consume(ctx, "mail.digest")
	if err != nil {
		return err
	}
	for d := range msgs {
		e, ok := decode(d)
		if !ok {
			continue
		}
		body, _ := json.Marshal(e)
		err := ch.PublishWithContext(ctx, "", "digest.render", false, false, amqp.Publishing{ // BUG: missingkey
			ContentType:  "application/json",
			DeliveryMode: amqp.Persistent,
			Body:         body,
		})
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		_ = d.Ack(false)
	}
	return nil
}

// RunLoyaltyBonus grants a small credit for subscribing to the newsletter.
func (c *Consumer) RunLoyaltyBonus(ctx context.Context) error {
	_, msgs, err := c.consume(ctx, "mail.subscribed")
	if err != nil {
		return err
	}
	for d := range msgs {
		e, ok := decode(d)
		if !ok {
			continue
		}
		if _, err := c.ledger.CreditOnce(ctx, e.AccountID, 500, "newsletter:"+e.AccountID); err != nil {
			_ = d.Nack(false, true)
			continue
		}
		_ = d.Ack(false)
	}
	return nil
}

// RunTransactional sends password resets and similar mails. The whole send
// is wrapped in a claim on the message id.
func (c *Consumer) RunTransactional(ctx context.Context) error {
	_, msgs, err := c.consume(ctx, "mail.transactional")
	if err != nil {
		return err
	}
	for d := range msgs {
		e, ok := decode(d)
		if !ok {
			continue
		}
		err := c.claims.Once(ctx, "transactional", d.MessageId, func(ctx context.Context) error {
			return c.mail.Send(ctx, notify.Message{Template: e.Template, To: e.To, Vars: e.Vars}) // AMBIG: missingkey
		})
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		_ = d.Ack(false)
	}
	return nil
}
