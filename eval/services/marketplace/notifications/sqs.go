// Package notifications sends e-mail and SMS to buyers and sellers. It reads
// the notifications SQS queue (a message becomes visible again when its
// visibility timeout passes before DeleteMessage) and receives order events
// from the outbox relay over HTTP.
package notifications

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/smtp"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/redis/go-redis/v9"

	"example.com/marketplace/internal/config"
	"example.com/marketplace/internal/dedup"
	"example.com/marketplace/internal/events"
)

// Mailer sends plain-text mail through the relay.
type Mailer struct {
	Addr string
	Auth smtp.Auth
	From string
}

// Send sends one message.
func (m Mailer) Send(to, subject, body string) error {
	msg := []byte("To: " + to + "\r\nSubject: " + subject + "\r\n\r\n" + body)
	return smtp.SendMail(m.Addr, m.Auth, m.From, []string{to}, msg)
}

// Worker drains the notifications queue.
type Worker struct {
	sqs      *sqs.Client
	queueURL string
	rdb      redis.UniversalClient
	dedup    *dedup.Store
	mail     Mailer
}

// NewWorker wires the worker.
func NewWorker(c *sqs.Client, queueURL string, rdb redis.UniversalClient, d *dedup.Store, mail Mailer) *Worker {
	return &Worker{sqs: c, queueURL: queueURL, rdb: rdb, dedup: d, mail: mail}
}

// Run polls the queue until ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		out, err := w.sqs.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl:            aws.String(w.queueURL),
			MaxNumberOfMessages: 10,
			WaitTimeSeconds:     20,
		})
		if err != nil {
			log.Printf("notifications: receive: %v", err)
			time.Sleep(time.Second)
			continue
		}
		for _, m := range out.Messages {
			if err := w.handle(ctx, m); err != nil {
				log.Printf("notifications: %s: %v", aws.ToString(m.MessageId), err)
				continue
			}
			w.sqs.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(w.queueURL), ReceiptHandle: m.ReceiptHandle})
		}
	}
	return ctx.Err()
}

func (w *Worker) handle(ctx context.Context, m types.Message) error {
	var ev events.OrderEvent
	if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &ev); err != nil {
		return nil
	}
	switch ev.Type {
	case "order.confirmed":
		return w.orderConfirmed(ctx, m, ev)
	case "order.shipped":
		return w.orderShipped(ctx, ev)
	case "seller.payout":
		return w.payoutSent(ctx, ev)
	case "buyer.welcome":
		return w.welcome(ctx, ev)
	case "order.digest":
		return w.sellerDigest(ctx, ev.SellerID, ev.Email)
	case "order.review":
		return w.reviewReminder(ctx, ev)
	case "order.delayed":
		return w.orderDelayed(ctx, ev)
	}
	return nil
}

// orderConfirmed mails the buyer once per SQS message.
func (w *Worker) orderConfirmed(ctx context.Context, m types.Message, ev events.OrderEvent) error {
	ok, err := w.rdb.SetNX(ctx, "notif:sent:"+aws.ToString(m.MessageId), 1, 10*time.Minute).Result() // BUG: dedupttl
	if err != nil || !ok {
		return err
	}
	return w.mail.Send(ev.Email, "Your order is confirmed", "Order "+ev.OrderID)
}

// orderShipped mails the buyer, deduplicated on the event id for the short
// e-mail window.
func (w *Worker) orderShipped(ctx context.Context, ev events.OrderEvent) error {
	ok, err := w.dedup.ClaimFor(ctx, "email:shipped:"+ev.EventID, config.ShortDedupWindow) // BUG: dedupttl
	if err != nil || !ok {
		return err
	}
	return w.mail.Send(ev.Email, "Your order has shipped", "Order "+ev.OrderID)
}

// payoutSent mails the seller.
func (w *Worker) payoutSent(ctx context.Context, ev events.OrderEvent) error {
	msg := fmt.Sprintf("To: %s\r\nSubject: Payout sent\r\n\r\nWe sent you %d cents", ev.Email, ev.TotalCents)
	return smtp.SendMail(w.mail.Addr, w.mail.Auth, w.mail.From, []string{ev.Email}, []byte(msg)) // BUG: missingkey
}

// welcome is sent once per buyer, ever.
func (w *Worker) welcome(ctx context.Context, ev events.OrderEvent) error {
	ok, err := w.rdb.SetNX(ctx, "welcome:"+ev.BuyerID, 1, 0).Result()
	if err != nil || !ok {
		return err
	}
	return w.mail.Send(ev.Email, "Welcome to the marketplace", "")
}

// sellerDigest is a once-a-day summary job per seller, triggered by the
// first order event of the day.
func (w *Worker) sellerDigest(ctx context.Context, sellerID, email string) error {
	ok, err := w.rdb.SetNX(ctx, "digest:"+sellerID+":"+time.Now().Format("2006-01-02"), 1, 48*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	return w.mail.Send(email, "Your daily digest", "")
}

// reviewReminder asks the buyer for a review, once per order event.
func (w *Worker) reviewReminder(ctx context.Context, ev events.OrderEvent) error {
	ok, err := w.rdb.SetNX(ctx, "processed:review:"+ev.BuyerID+":"+time.Now().Format("2006-01-02"), 1, config.DedupWindow).Result() // BUG: coarsekey
	if err != nil || !ok {
		return err
	}
	return w.mail.Send(ev.Email, "How was your order?", "Order "+ev.OrderID)
}

// orderDelayed texts the buyer; the claim is in-flight first, then final.
func (w *Worker) orderDelayed(ctx context.Context, ev events.OrderEvent) error {
	key := "processed:delayed:" + ev.EventID
	ok, err := w.rdb.SetNX(ctx, key, "inflight", 5*time.Minute).Result()
	if err != nil || !ok {
		return err
	}
	if err := w.mail.Send(ev.Email, "Your order is delayed", "Order "+ev.OrderID); err != nil {
		w.rdb.Del(ctx, key)
		return err
	}
	return w.rdb.Set(ctx, key, "done", config.DedupWindow).Err()
}

// hourBucket is used by the SMS throttle.
func hourBucket(t time.Time) string { return strconv.FormatInt(t.Unix()/3600, 10) }

// SMSAllowed throttles SMS to one per buyer per hour.
func (w *Worker) SMSAllowed(ctx context.Context, buyerID string) (bool, error) {
	return w.rdb.SetNX(ctx, "ratelimit:sms:"+buyerID+":"+hourBucket(time.Now()), 1, time.Hour).Result()
}
