// Package stripehook receives Stripe webhooks.
package stripehook

import (
	"io"
	"log/slog"
	"net/http"

	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"

	"example.com/hmcorpus/hdr"
	"example.com/hmcorpus/internal/dedup"
)

type Billing interface {
	Handle(r *http.Request, ev stripe.Event) error
}

type Handler struct {
	secret        string
	connectSecret string
	ledger        *dedup.Ledger
	claims        *dedup.Store
	billing       Billing
	log           *slog.Logger
}

func New(secret, connectSecret string, l *dedup.Ledger, c *dedup.Store, b Billing, log *slog.Logger) *Handler {
	return &Handler{secret: secret, connectSecret: connectSecret, ledger: l, claims: c, billing: b, log: log}
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /stripe/webhook", h.platform)
	mux.HandleFunc("POST /stripe/connect", h.connect)
	mux.HandleFunc("POST /stripe/billing", h.billingEvents)
}

func (h *Handler) platform(w http.ResponseWriter, r *http.Request) {
	payload, err := io.ReadAll(io.LimitReader(r.Body, 65536))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ev, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), h.secret)
	if err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	h.log.Info("stripe event", "id", ev.ID, "type", ev.Type, "request_id", r.Header.Get("X-Request-Id"))
	fresh, err := h.ledger.Record(r.Context(), "stripe", ev.ID)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.billing.Handle(r, ev); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (h *Handler) connect(w http.ResponseWriter, r *http.Request) {
	payload, err := io.ReadAll(io.LimitReader(r.Body, 65536))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ev, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), h.connectSecret)
	if err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	key := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	fresh, err := h.claims.Claim(r.Context(), "stripe-connect:"+key)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	_ = h.billing.Handle(r, ev)
}

func (h *Handler) billingEvents(w http.ResponseWriter, r *http.Request) {
	payload, err := io.ReadAll(io.LimitReader(r.Body, 65536))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ev, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), h.secret)
	if err != nil {
		http.Error(w, "bad signature", http.StatusBadRequest)
		return
	}
	id := r.Header.Get(hdr.EventID) // BUG: headermismatch
	fresh, err := h.ledger.Record(r.Context(), "stripe-billing", id)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	_ = h.billing.Handle(r, ev)
}
