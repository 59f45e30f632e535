// Package ckhand holds coarsekey cases of an operation id at hand that the
// function receives itself (a delivery loop, a verified webhook event) rather
// than as a parameter: a clock-bucketed claim there throws the id away.
package ckhand

import (
	"context"
	"fmt"
	"net/http"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82/webhook"
)

type Worker struct{ rdb *redis.Client }

// digestKey hashes nothing but the tenant and the day.
func digestKey(tenantID string, t time.Time) string {
	return "digest:" + tenantID + ":" + t.Format("20060102") // want `idempotency key "digest:"\+tenantID.* is built only from the tenant id and the calendar day`
}

// positive: a delivery loop claims a tenant-and-day key while each delivery's
// MessageId is at hand.
func (w *Worker) Run(ctx context.Context, deliveries <-chan amqp.Delivery, tenantID string) {
	for d := range deliveries {
		ok, _ := w.rdb.SetNX(ctx, digestKey(tenantID, time.Now()), 1, 48*time.Hour).Result()
		if ok {
			_ = d.Ack(false)
		}
	}
}

// negative twin: the same claim in a nightly job over tenants: no message in
// hand, a once-per-tenant-per-day job on purpose.
func (w *Worker) Nightly(ctx context.Context, tenants []string) {
	for _, t := range tenants {
		w.rdb.SetNX(ctx, "nightly:"+t+":"+time.Now().Format("20060102"), 1, 48*time.Hour)
	}
}

// negative twin: a publisher builds the message it sends; no operation is at
// hand in a message of its own making.
func (w *Worker) Publish(ctx context.Context, ch *amqp.Channel, tenantID string) error {
	w.rdb.SetNX(ctx, "pub:"+tenantID+":"+time.Now().Format("20060102"), 1, 48*time.Hour)
	return ch.PublishWithContext(ctx, "x", "k", false, false, amqp.Publishing{Body: []byte(tenantID)})
}

type Hook struct {
	rdb    *redis.Client
	secret string
}

// positive: a verified Stripe event's id is at hand; the claim keys on the
// customer and the day of the event instead.
func (h *Hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	evt, err := webhook.ConstructEvent(nil, r.Header.Get("Stripe-Signature"), h.secret)
	if err != nil {
		return
	}
	customer := r.URL.Query().Get("customer")
	dk := fmt.Sprintf("wh:dispute:%s:%s", customer, time.Unix(evt.Created, 0).Format(time.DateOnly)) // want `dedup key .* is built only from the customer id and the calendar day: .*\(Event.ID is at hand\)`
	h.rdb.SetNX(r.Context(), dk, 1, 48*time.Hour)
}

// negative twin: the claim keys on the event id.
func (h *Hook) ServeByID(w http.ResponseWriter, r *http.Request) {
	evt, err := webhook.ConstructEvent(nil, r.Header.Get("Stripe-Signature"), h.secret)
	if err != nil {
		return
	}
	h.rdb.SetNX(r.Context(), "wh:dispute:"+evt.ID, 1, 48*time.Hour)
}
