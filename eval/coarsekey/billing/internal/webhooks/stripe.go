// Package webhooks receives Stripe and partner webhooks.
package webhooks

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"
)

// Fulfiller reacts to payment events.
type Fulfiller interface {
	PaymentSucceeded(ctx context.Context, pi *stripe.PaymentIntent) error
	DisputeOpened(ctx context.Context, d *stripe.Dispute) error
}

// StripeHandler receives /webhooks/stripe.
type StripeHandler struct {
	Secret string
	RDB    redis.UniversalClient
	Fulfil Fulfiller
	Log    *slog.Logger
}

func (h *StripeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "read", http.StatusBadRequest)
		return
	}
	evt, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), h.Secret)
	if err != nil {
		http.Error(w, "signature", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	switch evt.Type {
	case stripe.EventTypePaymentIntentSucceeded:
		var pi stripe.PaymentIntent
		if err := json.Unmarshal(evt.Data.Raw, &pi); err != nil {
			http.Error(w, "payload", http.StatusBadRequest)
			return
		}
		fresh, err := h.RDB.SetNX(ctx, "wh:stripe:"+evt.ID, 1, 7*24*time.Hour).Result()
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if fresh {
			if err := h.Fulfil.PaymentSucceeded(ctx, &pi); err != nil {
				h.RDB.Del(ctx, "wh:stripe:"+evt.ID)
				http.Error(w, "retry", http.StatusInternalServerError)
				return
			}
		}
	case stripe.EventTypeChargeDisputeCreated:
		var d stripe.Dispute
		if err := json.Unmarshal(evt.Data.Raw, &d); err != nil {
			http.Error(w, "payload", http.StatusBadRequest)
			return
		}
		customer := ""
		if d.Charge != nil && d.Charge.Customer != nil {
			customer = d.Charge.Customer.ID
		}
		created := time.Unix(evt.Created, 0).UTC()
		dk := fmt.Sprintf("wh:dispute:%s:%s", customer, created.Format(time.DateOnly)) // BUG: coarsekey
		fresh, err := h.RDB.SetNX(ctx, dk, evt.ID, 7*24*time.Hour).Result()
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if fresh {
			_ = h.Fulfil.DisputeOpened(ctx, &d)
		}
	}
	w.WriteHeader(http.StatusOK)
}

// PartnerEvent is what the reseller platform posts to /webhooks/partner.
type PartnerEvent struct {
	Type      string `json:"type"`
	AccountID string `json:"account_id"`
	Seats     int    `json:"seats"`
}

// PartnerHandler receives /webhooks/partner. The partner sends no event id.
type PartnerHandler struct {
	RDB   redis.Cmdable
	Apply func(ctx context.Context, e PartnerEvent) error
}

func (h *PartnerHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var e PartnerEvent
	if err := json.NewDecoder(r.Body).Decode(&e); err != nil {
		http.Error(w, "payload", http.StatusBadRequest)
		return
	}
	key := fmt.Sprintf("wh:partner:%d", time.Now().UnixNano()) // BUG: coarsekey
	ok, err := h.RDB.SetNX(r.Context(), key, e.AccountID, 48*time.Hour).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if ok {
		if err := h.Apply(r.Context(), e); err != nil {
			http.Error(w, "retry", http.StatusInternalServerError)
			return
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// DeliveryHandler is PartnerHandler for the v2 API, which sends a delivery id header.
type DeliveryHandler struct {
	RDB   redis.Cmdable
	Apply func(ctx context.Context, e PartnerEvent) error
}

func (h *DeliveryHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	delivery := r.Header.Get("X-Partner-Delivery")
	var e PartnerEvent
	if err := json.NewDecoder(r.Body).Decode(&e); err != nil || delivery == "" {
		http.Error(w, "payload", http.StatusBadRequest)
		return
	}
	ok, err := h.RDB.SetNX(r.Context(), "wh:partner:"+e.AccountID+":"+delivery, 1, 48*time.Hour).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if ok {
		_ = h.Apply(r.Context(), e)
	}
	w.WriteHeader(http.StatusNoContent)
}
