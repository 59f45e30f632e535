package ingest

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"

	"example.com/hooks/relay/client"
	"example.com/hooks/relay/ledgerclient"
)

// Stripe handles the platform account's events. Stripe puts the event id in
// the body; redeliveries carry the same evt_ id.
func (s *Service) Stripe(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 65536))
	if err != nil {
		http.Error(w, "read body", http.StatusServiceUnavailable)
		return
	}
	event, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), s.secrets.Stripe)
	if err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	first, err := s.events.Claim(ctx, "stripe", event.ID)
	if err != nil {
		http.Error(w, "dedup", http.StatusServiceUnavailable)
		return
	}
	if !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	env := client.Envelope{ID: event.ID, Provider: "stripe", Type: string(event.Type), ReceivedAt: time.Now(), Payload: body}
	switch event.Type {
	case stripe.EventTypeChargeSucceeded:
		var ch stripe.Charge
		if err := json.Unmarshal(event.Data.Raw, &ch); err != nil {
			http.Error(w, "decode", http.StatusBadRequest)
			return
		}
		err = s.ledger.Post(ctx, env, ledgerclient.Entry{
			Account: ch.Customer.ID, AmountMinor: ch.Amount, Currency: string(ch.Currency), Memo: ch.ID,
		})
	case stripe.EventTypeChargeRefunded:
		err = s.ledger.Reverse(ctx, env, event.ID)
	default:
		err = s.fwd.Forward(ctx, s.targets["stripe"], env)
	}
	if err != nil {
		http.Error(w, "downstream", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// StripeConnect handles events from connected accounts.
func (s *Service) StripeConnect(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 65536))
	if err != nil {
		http.Error(w, "read body", http.StatusServiceUnavailable)
		return
	}
	event, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), s.secrets.StripeConnect)
	if err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	key := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	first, err := s.seen.Claim(r.Context(), "stripe-connect:"+key)
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	env := client.Envelope{ID: event.ID, Provider: "stripe-connect", Type: string(event.Type), ReceivedAt: time.Now(), Payload: body}
	if err := s.fwd.Forward(r.Context(), s.targets["stripe"], env); err != nil {
		http.Error(w, "forward", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
}
