package payments

import (
	"context"
	"encoding/json"
	"log"
	"time"

	"github.com/google/uuid"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/refund"

	"example.com/marketplace/internal/config"
	"example.com/marketplace/internal/keys"
)

// RefundRequest is published by support tooling and by the returns service.
type RefundRequest struct {
	RefundID        string `json:"refund_id"`
	CustomerID      string `json:"customer_id"`
	PaymentIntentID string `json:"payment_intent_id"`
	AmountCents     int64  `json:"amount_cents"`
	Reason          string `json:"reason"`
}

// RefundWorker consumes refund requests from RabbitMQ.
type RefundWorker struct {
	ch  *amqp.Channel
	rdb redis.UniversalClient
}

// NewRefundWorker returns a worker on ch.
func NewRefundWorker(ch *amqp.Channel, rdb redis.UniversalClient) *RefundWorker {
	return &RefundWorker{ch: ch, rdb: rdb}
}

// RunReturns consumes the returns queue: one refund per returned parcel.
func (w *RefundWorker) RunReturns(ctx context.Context) error {
	deliveries, err := w.ch.ConsumeWithContext(ctx, "refunds.returns", "refund-worker", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range deliveries {
		var req RefundRequest
		if err := json.Unmarshal(d.Body, &req); err != nil {
			d.Nack(false, false)
			continue
		}
		params := &stripe.RefundParams{PaymentIntent: stripe.String(req.PaymentIntentID), Amount: stripe.Int64(req.AmountCents)}
		if _, err := refund.New(params); err != nil { // BUG: missingkey
			d.Nack(false, true)
			continue
		}
		d.Ack(false)
	}
	return nil
}

// RunSupport consumes refunds issued by support agents.
func (w *RefundWorker) RunSupport(ctx context.Context) error {
	deliveries, err := w.ch.ConsumeWithContext(ctx, "refunds.support", "refund-worker", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range deliveries {
		var req RefundRequest
		if err := json.Unmarshal(d.Body, &req); err != nil {
			d.Nack(false, false)
			continue
		}
		params := &stripe.RefundParams{PaymentIntent: stripe.String(req.PaymentIntentID), Amount: stripe.Int64(req.AmountCents)}
		params.SetIdempotencyKey(req.CustomerID + "-" + time.Now().Format("2006-01-02")) // BUG: coarsekey
		if _, err := refund.New(params); err != nil {
			d.Nack(false, true)
			continue
		}
		d.Ack(false)
	}
	return nil
}

// RunChargebacks consumes refunds the risk engine issues for disputed orders.
func (w *RefundWorker) RunChargebacks(ctx context.Context) error {
	deliveries, err := w.ch.ConsumeWithContext(ctx, "refunds.risk", "refund-worker", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range deliveries {
		var req RefundRequest
		if err := json.Unmarshal(d.Body, &req); err != nil {
			d.Nack(false, false)
			continue
		}
		params := &stripe.RefundParams{PaymentIntent: stripe.String(req.PaymentIntentID)}
		params.SetIdempotencyKey(uuid.NewString()) // BUG: coarsekey // AMBIG: missingkey
		if _, err := refund.New(params); err != nil {
			d.Nack(false, true)
			continue
		}
		d.Ack(false)
	}
	return nil
}

// RunPartial consumes partial refunds; the request's own id is the key.
func (w *RefundWorker) RunPartial(ctx context.Context) error {
	deliveries, err := w.ch.ConsumeWithContext(ctx, "refunds.partial", "refund-worker", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range deliveries {
		var req RefundRequest
		if err := json.Unmarshal(d.Body, &req); err != nil {
			d.Nack(false, false)
			continue
		}
		params := &stripe.RefundParams{PaymentIntent: stripe.String(req.PaymentIntentID), Amount: stripe.Int64(req.AmountCents)}
		params.SetIdempotencyKey(keys.RefundKey(req.RefundID))
		if _, err := refund.New(params); err != nil {
			d.Nack(false, true)
			continue
		}
		d.Ack(false)
	}
	return nil
}

// RunNotices consumes "refund issued" notices and tells the buyer, once per
// delivery; the claim is kept for the short e-mail window.
func (w *RefundWorker) RunNotices(ctx context.Context) error {
	deliveries, err := w.ch.ConsumeWithContext(ctx, "refunds.notices", "refund-notices", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range deliveries {
		ok, err := w.rdb.SetNX(ctx, "refund:notice:"+d.MessageId, 1, config.ShortDedupWindow).Result() // BUG: dedupttl
		if err != nil {
			d.Nack(false, true)
			continue
		}
		if !ok {
			d.Ack(false)
			continue
		}
		err = w.ch.PublishWithContext(ctx, "notifications", "email.refund", false, false, amqp.Publishing{ContentType: "application/json", MessageId: d.MessageId, Body: d.Body})
		if err != nil {
			log.Printf("refund notice: %v", err)
		}
		d.Ack(false)
	}
	return nil
}

// RunLedger consumes refund results and appends them to the ledger stream.
func (w *RefundWorker) RunLedger(ctx context.Context) error {
	deliveries, err := w.ch.ConsumeWithContext(ctx, "refunds.ledger", "refund-ledger", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range deliveries {
		ok, err := w.rdb.SetNX(ctx, "refund:ledger:"+d.MessageId, 1, config.DedupWindow).Result()
		if err != nil || !ok {
			d.Ack(false)
			continue
		}
		w.rdb.XAdd(ctx, &redis.XAddArgs{Stream: "ledger", Values: map[string]any{"refund": string(d.Body)}})
		d.Ack(false)
	}
	return nil
}
