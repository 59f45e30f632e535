// Package api is the public billing HTTP API.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82"

	"example.com/billing/internal/ledger"
	"example.com/billing/internal/payments"
	"example.com/billing/internal/platform"
	"example.com/billing/internal/wallet"
)

// Claims are the verified JWT claims put in the context by the auth middleware.
type Claims struct {
	Subject  string
	TenantID string
	Email    string
}

type claimsKey struct{}

// ClaimsFrom returns the caller's claims.
func ClaimsFrom(ctx context.Context) Claims {
	c, _ := ctx.Value(claimsKey{}).(Claims)
	return c
}

// Server holds the API's dependencies.
type Server struct {
	RDB      redis.UniversalClient
	SC       *stripe.Client
	Payments *payments.Service
	Wallet   *wallet.Store
	Ledger   *ledger.Ledger
	Limiter  *platform.Limiter
}

// Routes registers the handlers.
func (s *Server) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/topups", s.topUp)
	mux.HandleFunc("POST /v1/credits/purchase", s.purchaseCredits)
	mux.HandleFunc("POST /v1/credits/purchase-v2", s.purchaseCreditsV2)
	mux.HandleFunc("POST /v1/orders/{id}/pay", s.payOrder)
	mux.HandleFunc("POST /v1/exports", s.requestExport)
}

type topUpBody struct {
	PaymentMethod string `json:"payment_method"`
	Cents         int64  `json:"cents"`
}

func (s *Server) topUp(w http.ResponseWriter, r *http.Request) {
	c := ClaimsFrom(r.Context())
	if ok, _ := s.Limiter.Allow(r.Context(), c.Subject); !ok {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	var b topUpBody
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	pi, err := s.Payments.TopUp(r.Context(), c.Subject, b.PaymentMethod, b.Cents)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"payment_intent": pi.ID})
}

func (s *Server) purchaseCredits(w http.ResponseWriter, r *http.Request) {
	c := ClaimsFrom(r.Context())
	var b topUpBody
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	p := &stripe.PaymentIntentCreateParams{
		Amount:        stripe.Int64(b.Cents),
		Currency:      stripe.String(string(stripe.CurrencyEUR)),
		PaymentMethod: stripe.String(b.PaymentMethod),
		Confirm:       stripe.Bool(true),
	}
	p.SetIdempotencyKey("credits:" + c.Subject + ":" + time.Now().UTC().Format("2006-01-02T15:04")) // BUG: coarsekey
	pi, err := s.SC.V1PaymentIntents.Create(r.Context(), p)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"payment_intent": pi.ID})
}

// purchaseCreditsV2 passes the client's Idempotency-Key through to Stripe.
func (s *Server) purchaseCreditsV2(w http.ResponseWriter, r *http.Request) {
	c := ClaimsFrom(r.Context())
	idem := r.Header.Get("Idempotency-Key")
	if idem == "" {
		http.Error(w, "Idempotency-Key required", http.StatusBadRequest)
		return
	}
	var b topUpBody
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	p := &stripe.PaymentIntentCreateParams{
		Amount:        stripe.Int64(b.Cents),
		Currency:      stripe.String(string(stripe.CurrencyEUR)),
		PaymentMethod: stripe.String(b.PaymentMethod),
		Confirm:       stripe.Bool(true),
	}
	p.SetIdempotencyKey(c.Subject + ":" + idem)
	pi, err := s.SC.V1PaymentIntents.Create(r.Context(), p)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"payment_intent": pi.ID})
}

func (s *Server) payOrder(w http.ResponseWriter, r *http.Request) {
	c := ClaimsFrom(r.Context())
	orderID := r.PathValue("id")
	var b topUpBody
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	pi, err := s.Payments.ChargeOrder(r.Context(), payments.ChargeRequest{
		CustomerID:    c.Subject,
		PaymentMethod: b.PaymentMethod,
		OrderID:       orderID,
		AmountCents:   b.Cents,
		Currency:      "eur",
		At:            time.Now(),
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"payment_intent": pi.ID})
}

var errExportPending = errors.New("export already running")

// requestExport starts a CSV export of the tenant's invoices; one may run at a time.
func (s *Server) requestExport(w http.ResponseWriter, r *http.Request) {
	c := ClaimsFrom(r.Context())
	key := "export:running:" + c.TenantID // AMBIG: coarsekey
	ok, err := s.RDB.SetNX(r.Context(), key, c.Email, 15*time.Minute).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if !ok {
		http.Error(w, errExportPending.Error(), http.StatusConflict)
		return
	}
	go func() {
		defer s.RDB.Del(context.Background(), key)
		time.Sleep(time.Second)
	}()
	w.WriteHeader(http.StatusAccepted)
}
