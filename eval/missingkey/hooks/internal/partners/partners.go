// Package partners serves the partner integration API (chi).
package partners

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"example.com/hooks/internal/billing"
	"example.com/hooks/internal/idem"
	"example.com/hooks/internal/repo"
)

type API struct {
	Pool    *pgxpool.Pool
	RDB     *redis.Client
	Billing *repo.Billing
	Credits *billing.Client
	Tokens  map[string]string // partner id -> API token
	Log     *slog.Logger
}

type partnerOrder struct {
	ExternalID string `json:"external_id"`
	SKU        string `json:"sku"`
	Qty        int    `json:"qty"`
	AccountID  string `json:"account_id"`
}

func (a *API) auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.Tokens[chi.URLParam(r, "partnerID")] != r.Header.Get("Authorization") {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Routes mounts under /partners.
func (a *API) Routes() chi.Router {
	r := chi.NewRouter()
	r.Route("/{partnerID}", func(r chi.Router) {
		r.Use(a.auth)
		r.Post("/orders", a.createOrder)
		r.Post("/notify", a.notify)
		r.With(idem.Middleware(a.RDB)).Post("/events", a.events)
		r.Post("/callback/seats", a.seatsCallback)
		r.Post("/callback/cancel", a.cancelCallback)
	})
	return r
}

// createOrder is the synchronous ordering API; partners show the result to a user.
func (a *API) createOrder(w http.ResponseWriter, r *http.Request) {
	var o partnerOrder
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var id int64
	err := a.Pool.QueryRow(r.Context(),
		`INSERT INTO partner_orders (partner_id, external_id, sku, qty) VALUES ($1, $2, $3, $4) RETURNING id`,
		chi.URLParam(r, "partnerID"), o.ExternalID, o.SKU, o.Qty).Scan(&id)
	if err != nil {
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]int64{"id": id})
}

// notify receives order notifications pushed by the partner's system.
func (a *API) notify(w http.ResponseWriter, r *http.Request) {
	var o partnerOrder
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	a.Log.Info("partner notify", "partner", chi.URLParam(r, "partnerID"), "external_id", o.ExternalID)
	if _, err := a.Pool.Exec(r.Context(), `INSERT INTO partner_orders (partner_id, external_id, sku, qty) VALUES ($1, $2, $3, $4)`, // BUG: missingkey
		chi.URLParam(r, "partnerID"), o.ExternalID, o.SKU, o.Qty); err != nil {
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// events receives partner events; the Idempotency-Key middleware drops repeats.
func (a *API) events(w http.ResponseWriter, r *http.Request) {
	var ev struct {
		Type      string `json:"type"`
		AccountID string `json:"account_id"`
		Cents     int64  `json:"cents"`
	}
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if ev.Type == "credit" {
		if err := a.Credits.GrantCredit(r.Context(), billing.Credit{AccountID: ev.AccountID, AmountCents: ev.Cents, Reason: "partner"}); err != nil {
			http.Error(w, "billing", http.StatusBadGateway)
			return
		}
	}
	w.WriteHeader(http.StatusAccepted)
}

// seatsCallback is called by resellers when a customer buys more seats.
func (a *API) seatsCallback(w http.ResponseWriter, r *http.Request) {
	var req struct {
		EventID        string `json:"event_id"`
		SubscriptionID string `json:"subscription_id"`
		Seats          int64  `json:"seats"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	first, err := a.Billing.ClaimEvent(r.Context(), "partner:"+chi.URLParam(r, "partnerID"), req.EventID)
	if err != nil {
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	if !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := a.Billing.AddSeats(r.Context(), req.SubscriptionID, req.Seats); err != nil {
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// cancelCallback is called by resellers when a customer cancels.
func (a *API) cancelCallback(w http.ResponseWriter, r *http.Request) {
	var req struct {
		EventID        string `json:"event_id"`
		SubscriptionID string `json:"subscription_id"`
		RefundCents    int64  `json:"refund_cents"`
		AccountID      string `json:"account_id"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	seen, err := a.Billing.EventSeen(r.Context(), "partner-cancel", req.EventID)
	if err != nil {
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	if seen {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := a.Billing.CancelSubscription(r.Context(), req.SubscriptionID); err != nil {
		http.Error(w, "db", http.StatusInternalServerError)
		return
	}
	if req.RefundCents > 0 {
		if err := a.Credits.GrantCredit(r.Context(), billing.Credit{AccountID: req.AccountID, AmountCents: req.RefundCents, Reason: "partner cancel"}); err != nil {
			http.Error(w, "billing", http.StatusBadGateway)
			return
		}
	}
	_, _ = a.Billing.ClaimEvent(r.Context(), "partner-cancel", req.EventID)
	w.WriteHeader(http.StatusOK)
}
