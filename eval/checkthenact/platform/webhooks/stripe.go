package webhooks

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"

	"example.com/platform/internal/dedupstore"
	"example.com/platform/internal/effects"
)

type stripeEvent struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data struct {
		Object struct {
			ID       string `json:"id"`
			Customer string `json:"customer"`
			Amount   int64  `json:"amount"`
		} `json:"object"`
	} `json:"data"`
}

// StripeHandler is the original handler, still mounted on /webhooks/stripe.
type StripeHandler struct {
	Dedup *dedupstore.Store
}

func (h *StripeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var ev stripeEvent
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	seen, err := h.Dedup.Seen(ctx, "stripe", ev.ID)
	if err != nil {
		http.Error(w, "dedup unavailable", http.StatusServiceUnavailable)
		return
	}
	if seen {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := apply(ctx, ev); err != nil {
		http.Error(w, "apply failed", http.StatusInternalServerError)
		return
	}
	if err := h.Dedup.MarkSeen(ctx, "stripe", ev.ID); err != nil { // BUG: checkthenact
		slog.ErrorContext(ctx, "mark seen", "err", err)
	}
	w.WriteHeader(http.StatusOK)
}

// StripeV2Handler claims first and gives the claim back on failure.
type StripeV2Handler struct {
	Dedup *dedupstore.Store
}

func (h *StripeV2Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var ev stripeEvent
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	ok, err := h.Dedup.Claim(ctx, "stripe", ev.ID)
	if err != nil {
		http.Error(w, "dedup unavailable", http.StatusServiceUnavailable)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := apply(ctx, ev); err != nil {
		_ = h.Dedup.Release(ctx, "stripe", ev.ID)
		http.Error(w, "apply failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// StripeAuditHandler: the fast-path check is on the event, the marker written
// afterwards is an audit marker under a different provider namespace, and the
// real claim is the atomic Claim in between.
type StripeAuditHandler struct {
	Dedup *dedupstore.Store
}

func (h *StripeAuditHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var ev stripeEvent
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	if seen, _ := h.Dedup.Seen(ctx, "stripe", ev.ID); seen {
		w.WriteHeader(http.StatusOK)
		return
	}
	ok, err := h.Dedup.Claim(ctx, "stripe", ev.ID)
	if err != nil || !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := apply(ctx, ev); err != nil {
		_ = h.Dedup.Release(ctx, "stripe", ev.ID)
		http.Error(w, "apply failed", http.StatusInternalServerError)
		return
	}
	_ = h.Dedup.MarkSeen(ctx, "stripe-audit", ev.ID)
	w.WriteHeader(http.StatusOK)
}

func apply(ctx context.Context, ev stripeEvent) error {
	switch ev.Type {
	case "invoice.paid":
		return effects.Notify(ctx, "billing", "invoice paid "+ev.Data.Object.ID)
	case "charge.refunded":
		return effects.SendEmail(ctx, ev.Data.Object.Customer, "refund")
	}
	return nil
}
