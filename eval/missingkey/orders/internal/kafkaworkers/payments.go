// Package kafkaworkers runs the kafka-go consumers of the payment and shipment topics.
package kafkaworkers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/segmentio/kafka-go"

	"example.com/orders/internal/dedup"
	"example.com/orders/internal/events"
	"example.com/orders/internal/store"
)

// PaymentsConsumer applies payment events to orders and the ledger.
type PaymentsConsumer struct {
	Reader  *kafka.Reader
	Review  *kafka.Writer
	Pool    *pgxpool.Pool
	Orders  *store.OrderRepo
	Ledger  *store.Ledger
	Claims  *dedup.Store
	History store.OrderWriter
	Log     *slog.Logger
}

func messageID(m kafka.Message) string {
	for _, h := range m.Headers {
		if h.Key == "message-id" {
			return string(h.Value)
		}
	}
	return m.Topic + "/" + strconv.Itoa(m.Partition) + "/" + strconv.FormatInt(m.Offset, 10)
}

// Run consumes payments.captured with manual commits.
func (c *PaymentsConsumer) Run(ctx context.Context) error {
	for {
		m, err := c.Reader.FetchMessage(ctx)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return fmt.Errorf("fetch: %w", err)
		}
		if err := c.apply(ctx, m); err != nil {
			c.Log.Error("payment not applied", "offset", m.Offset, "err", err)
			continue
		}
		if err := c.Reader.CommitMessages(ctx, m); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
	}
}

func (c *PaymentsConsumer) apply(ctx context.Context, m kafka.Message) error {
	var p events.PaymentCaptured
	if err := json.Unmarshal(m.Value, &p); err != nil {
		c.Log.Warn("bad payment payload", "err", err)
		return nil
	}
	tx, err := c.Pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	tag, err := tx.Exec(ctx, `INSERT INTO processed_messages (consumer, message_id) VALUES ('payments', $1) ON CONFLICT DO NOTHING`, messageID(m))
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO payments (id, order_id, amount_cents, provider) VALUES ($1, $2, $3, $4)`,
		p.PaymentID, p.OrderID, p.AmountCents, p.Provider); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE orders SET status = 'paid', payment_id = $2 WHERE id = $1`, p.OrderID, p.PaymentID); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// RunChargebacks consumes payments.chargeback.
func (c *PaymentsConsumer) RunChargebacks(ctx context.Context) error {
	for {
		m, err := c.Reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		var p events.PaymentCaptured
		if err := json.Unmarshal(m.Value, &p); err != nil {
			_ = c.Reader.CommitMessages(ctx, m)
			continue
		}
		tx, err := c.Pool.Begin(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO processed_messages (consumer, message_id) VALUES ('chargebacks', $1) ON CONFLICT DO NOTHING`, messageID(m)); err != nil { // AMBIG: missingkey
			_ = tx.Rollback(ctx)
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO chargebacks (payment_id, order_id, amount_cents) VALUES ($1, $2, $3)`, p.PaymentID, p.OrderID, p.AmountCents); err != nil { // BUG: missingkey
			_ = tx.Rollback(ctx)
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
		if err := c.Reader.CommitMessages(ctx, m); err != nil {
			return err
		}
	}
}

// RunSettlements credits merchant accounts when a settlement batch lands.
// The reader uses a GroupID with auto-commit.
func (c *PaymentsConsumer) RunSettlements(ctx context.Context) error {
	for {
		m, err := c.Reader.ReadMessage(ctx)
		if err != nil {
			return err
		}
		_, p, err := events.Decode[events.PaymentCaptured](m.Value)
		if err != nil {
			c.Log.Warn("skip settlement", "err", err)
			continue
		}
		c.Log.Info("settlement", "account", p.AccountID, "cents", p.AmountCents)
		if err := c.Ledger.Credit(ctx, p.AccountID, p.AmountCents, "settlement:"+p.PaymentID); err != nil { // BUG: missingkey
			c.Log.Error("credit failed", "err", err)
		}
	}
}

// RunCashback grants store credit per captured payment.
func (c *PaymentsConsumer) RunCashback(ctx context.Context) error {
	for {
		m, err := c.Reader.ReadMessage(ctx)
		if err != nil {
			return err
		}
		env, p, err := events.Decode[events.PaymentCaptured](m.Value)
		if err != nil {
			continue
		}
		cents := p.AmountCents / 100
		if cents == 0 {
			continue
		}
		applied, err := c.Ledger.CreditOnce(ctx, p.AccountID, cents, "cashback:"+env.ID)
		if err != nil {
			c.Log.Error("cashback", "err", err)
			continue
		}
		c.Log.Debug("cashback", "applied", applied)
	}
}

// RunRefundAudit writes a timeline entry for every refund.
func (c *PaymentsConsumer) RunRefundAudit(ctx context.Context) error {
	for {
		m, err := c.Reader.ReadMessage(ctx)
		if err != nil {
			return err
		}
		env, r, err := events.Decode[events.RefundRequested](m.Value)
		if err != nil {
			continue
		}
		ok, err := c.Claims.Claim(ctx, "refund-audit", env.ID)
		if err != nil {
			c.Log.Error("claim", "err", err)
			continue
		}
		if !ok {
			continue
		}
		if err := c.Orders.AppendHistory(ctx, r.OrderID, "refund requested: "+r.Reason); err != nil {
			_ = c.Claims.Release(ctx, "refund-audit", env.ID)
		}
	}
}

// RunFraudSignals forwards suspicious payments to the manual-review topic.
func (c *PaymentsConsumer) RunFraudSignals(ctx context.Context) error {
	for {
		m, err := c.Reader.ReadMessage(ctx)
		if err != nil {
			return err
		}
		env, p, err := events.Decode[events.PaymentCaptured](m.Value)
		if err != nil || p.AmountCents < 500_00 {
			continue
		}
		if _, err := c.Claims.Claim(ctx, "fraud", env.ID); err != nil { // AMBIG: missingkey
			c.Log.Error("claim", "err", err)
			continue
		}
		if err := c.Review.WriteMessages(ctx, kafka.Message{Key: []byte(p.OrderID), Value: m.Value}); err != nil { // BUG: missingkey
			c.Log.Error("review", "err", err)
		}
	}
}

// RunOrderImport mirrors orders.placed from the legacy shop into our tables.
func (c *PaymentsConsumer) RunOrderImport(ctx context.Context) error {
	for {
		m, err := c.Reader.ReadMessage(ctx)
		if err != nil {
			return err
		}
		_, o, err := events.Decode[events.OrderPlaced](m.Value)
		if err != nil {
			continue
		}
		if err := c.History.Save(ctx, o); err != nil {
			c.Log.Error("import", "err", err)
			continue
		}
		if err := c.History.AppendHistory(ctx, o.OrderID, "imported from legacy shop"); err != nil { // AMBIG: missingkey
			c.Log.Error("history", "err", err)
		}
	}
}
