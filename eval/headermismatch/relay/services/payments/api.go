// Package payments serves the internal payments API that outbound/payments calls.
package payments

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"example.com/hmcorpus/internal/dedup"
	client "example.com/hmcorpus/outbound/payments"
)

type Processor interface {
	Charge(r *http.Request, req client.ChargeRequest) (client.Charge, error)
	Refund(r *http.Request, req client.RefundRequest) error
	Capture(r *http.Request, chargeID string) error
	Void(r *http.Request, chargeID string) error
	Adjust(r *http.Request, chargeID string, cents int64) error
}

type API struct {
	claims *dedup.Store
	proc   Processor
	log    *slog.Logger
}

func NewAPI(claims *dedup.Store, proc Processor, log *slog.Logger) *API {
	return &API{claims: claims, proc: proc, log: log}
}

func (a *API) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/charges", a.handleCharge)
	mux.HandleFunc("POST /v1/refunds", a.handleRefund)
	mux.HandleFunc("POST /v1/charges/{id}/capture", a.handleCapture)
	mux.HandleFunc("POST /v1/charges/{id}/void", a.handleVoid)
	mux.HandleFunc("POST /v1/charges/{id}/adjust", a.handleAdjust)
}

func (a *API) handleCharge(w http.ResponseWriter, r *http.Request) {
	if len(r.Header["authorization"]) == 0 && r.Header.Get("Authorization") == "" {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	key := r.Header.Get("x-idempotency-key")
	if key == "" {
		http.Error(w, "missing X-Idempotency-Key", http.StatusBadRequest)
		return
	}
	a.log.Info("charge", "request_id", r.Header.Get("X-Request-Id"), "idempotency_key", key)
	ok, err := a.claims.Claim(r.Context(), "charge:"+key)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if !ok {
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(http.StatusOK)
		return
	}
	var req client.ChargeRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ch, err := a.proc.Charge(r, req)
	if err != nil {
		_ = a.claims.Release(r.Context(), "charge:"+key)
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header()["X-Idempotency-Key"] = []string{key}
	_ = json.NewEncoder(w).Encode(ch)
}

func (a *API) handleRefund(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	ok, err := a.claims.Claim(r.Context(), "refund:"+key)
	if err != nil || !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	var req client.RefundRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := a.proc.Refund(r, req); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

func (a *API) handleCapture(w http.ResponseWriter, r *http.Request) {
	keys := r.Header["X-Idempotency-Key"]
	if len(keys) != 1 {
		http.Error(w, "exactly one X-Idempotency-Key", http.StatusBadRequest)
		return
	}
	ok, err := a.claims.Claim(r.Context(), "capture:"+keys[0])
	if err != nil || !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := a.proc.Capture(r, r.PathValue("id")); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

func (a *API) handleVoid(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-Idempotancy-Key") // BUG: headermismatch
	ok, err := a.claims.Claim(r.Context(), "void:"+r.PathValue("id")+":"+key)
	if err != nil || !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := a.proc.Void(r, r.PathValue("id")); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

func (a *API) handleAdjust(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X_Idempotency_Key") // BUG: headermismatch
	seen, err := a.claims.Seen(r.Context(), "adjust:"+key)
	if err != nil || seen {
		w.WriteHeader(http.StatusOK)
		return
	}
	var body struct {
		Cents int64 `json:"cents"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := a.proc.Adjust(r, r.PathValue("id"), body.Cents); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_, _ = a.claims.Claim(r.Context(), "adjust:"+key)
}
