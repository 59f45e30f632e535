// Package refunds drains the refund and payout queues on SQS.
package refunds

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/refund"

	"example.com/orders/internal/events"
	"example.com/orders/internal/store"
)

type Worker struct {
	SQS        *sqs.Client
	Stripe     *stripe.Client
	Orders     *store.OrderRepo
	RefundsURL string
	PayoutsURL string
	StatusURL  string
	AuditURL   string
	Log        *slog.Logger
}

func (w *Worker) receive(ctx context.Context, url string) ([]types.Message, error) {
	out, err := w.SQS.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
		QueueUrl:            aws.String(url),
		MaxNumberOfMessages: 10,
		WaitTimeSeconds:     20,
		VisibilityTimeout:   60,
	})
	if err != nil {
		return nil, err
	}
	return out.Messages, nil
}

func (w *Worker) ack(ctx context.Context, url string, m types.Message) {
	if _, err := w.SQS.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: m.ReceiptHandle}); err != nil {
		w.Log.Warn("delete message", "err", err)
	}
}

// PollRefunds issues Stripe refunds.
func (w *Worker) PollRefunds(ctx context.Context) error {
	for ctx.Err() == nil {
		out, err := w.SQS.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl:            aws.String(w.RefundsURL),
			MaxNumberOfMessages: 10,
			WaitTimeSeconds:     20,
		})
		if err != nil {
			w.Log.Error("receive", "err", err)
			time.Sleep(time.Second)
			continue
		}
		for _, m := range out.Messages {
			var req events.RefundRequested
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &req); err != nil {
				w.ack(ctx, w.RefundsURL, m)
				continue
			}
			params := &stripe.RefundParams{
				Charge: stripe.String(req.ChargeID),
				Amount: stripe.Int64(req.AmountCents),
			}
			params.SetIdempotencyKey("refund-" + aws.ToString(m.MessageId))
			params.AddMetadata("order_id", req.OrderID)
			if _, err := refund.New(params); err != nil {
				w.Log.Error("stripe refund", "order", req.OrderID, "err", err)
				continue
			}
			if err := w.Orders.AppendHistory(ctx, req.OrderID, "refund issued"); err != nil { // AMBIG: missingkey
				w.Log.Warn("history", "err", err)
			}
			w.ack(ctx, w.RefundsURL, m)
		}
	}
	return ctx.Err()
}

// PollPayouts moves seller balances to their connected accounts.
func (w *Worker) PollPayouts(ctx context.Context) error {
	for ctx.Err() == nil {
		out, err := w.SQS.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl:            aws.String(w.PayoutsURL),
			MaxNumberOfMessages: 5,
			WaitTimeSeconds:     20,
		})
		if err != nil {
			return err
		}
		for _, m := range out.Messages {
			var p events.Payout
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &p); err != nil {
				w.ack(ctx, w.PayoutsURL, m)
				continue
			}
			tr, err := w.Stripe.V1Transfers.Create(ctx, &stripe.TransferCreateParams{ // BUG: missingkey
				Amount:      stripe.Int64(p.AmountCents),
				Currency:    stripe.String(p.Currency),
				Destination: stripe.String(p.Destination),
			})
			if err != nil {
				w.Log.Error("transfer", "payout", p.PayoutID, "err", err)
				continue
			}
			w.Log.Info("transfer created", "payout", p.PayoutID, "transfer", tr.ID)
			w.ack(ctx, w.PayoutsURL, m)
		}
	}
	return nil
}

// PollPartialRefunds handles refunds requested by support agents; the payload
// carries the refund id minted by the support tool.
func (w *Worker) PollPartialRefunds(ctx context.Context) error {
	for ctx.Err() == nil {
		msgs, err := w.receive(ctx, w.RefundsURL)
		if err != nil {
			return err
		}
		for _, m := range msgs {
			var req events.RefundRequested
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &req); err != nil {
				continue
			}
			params := &stripe.RefundCreateParams{
				Charge: stripe.String(req.ChargeID),
				Amount: stripe.Int64(req.AmountCents),
			}
			params.SetIdempotencyKey("support-refund:" + req.RefundID)
			if _, err := w.Stripe.V1Refunds.Create(ctx, params); err != nil { // AMBIG: missingkey
				continue
			}
			w.ack(ctx, w.RefundsURL, m)
		}
	}
	return nil
}

// PollStatus applies refund status callbacks relayed by the payments service.
func (w *Worker) PollStatus(ctx context.Context) error {
	for ctx.Err() == nil {
		msgs, err := w.receive(ctx, w.StatusURL)
		if err != nil {
			return err
		}
		for _, m := range msgs {
			var st struct {
				OrderID string `json:"order_id"`
				Status  string `json:"status"`
			}
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &st); err != nil {
				continue
			}
			if st.Status == "refunded" {
				if err := w.Orders.SetShipmentStatus(ctx, st.OrderID, "refunded"); err != nil {
					continue
				}
				_ = w.Orders.ReleaseReservations(ctx, st.OrderID)
			}
			w.ack(ctx, w.StatusURL, m)
		}
	}
	return nil
}

// PollDisputes forwards disputes to the audit queue for the finance team.
func (w *Worker) PollDisputes(ctx context.Context) error {
	for ctx.Err() == nil {
		msgs, err := w.receive(ctx, w.StatusURL)
		if err != nil {
			return err
		}
		for _, m := range msgs {
			w.Log.Info("dispute", "id", aws.ToString(m.MessageId))
			if _, err := w.SQS.SendMessage(ctx, &sqs.SendMessageInput{ // AMBIG: missingkey
				QueueUrl:    aws.String(w.AuditURL),
				MessageBody: m.Body,
			}); err != nil {
				continue
			}
			w.ack(ctx, w.StatusURL, m)
		}
	}
	return nil
}
