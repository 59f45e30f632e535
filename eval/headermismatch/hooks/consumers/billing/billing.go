// Package billing consumes the invoice and payment envelopes the relay
// forwards (relay/client.Forwarder sets X-Event-Id on every attempt).
package billing

import (
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"

	"github.com/go-chi/chi/v5"
	"github.com/redis/go-redis/v9"

	"example.com/hooks/internal/dedup"
	"example.com/hooks/internal/hdr"
	"example.com/hooks/internal/mw"
	"example.com/hooks/relay/client"
)

type Service struct {
	rdb     *redis.Client
	db      *sql.DB
	claims  *dedup.Redis
	secret  []byte
	log     *slog.Logger
	payouts sync.Map // event key -> struct{}
}

func New(rdb *redis.Client, db *sql.DB, secret []byte, log *slog.Logger) *Service {
	return &Service{rdb: rdb, db: db, claims: dedup.NewRedis(rdb, "billing:"), secret: secret, log: log}
}

func (s *Service) Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(mw.AccessLog(s.log, hdr.RequestID))
	r.Post("/invoices", s.Invoice)
	r.Post("/charges", s.Charge)
	r.Post("/refunds", s.Refund)
	r.Post("/payouts", s.Payout)
	r.Post("/disputes", s.Dispute)
	r.With(mw.Dedup(s.claims, hdr.EventID)).Post("/credits", s.Credit)
	r.With(mw.Dedup(s.claims, "x-event-id")).Post("/coupons", s.Coupon)
	r.With(mw.Dedup(s.claims, "X_Event_Id")).Post("/tax", s.Tax) // BUG: headermismatch
	r.With(mw.SingleValued(hdr.EventID)).Post("/subscriptions/{id}", s.Subscription)
	return r
}

func (s *Service) read(w http.ResponseWriter, r *http.Request) (client.Envelope, bool) {
	var env client.Envelope
	body, err := io.ReadAll(io.LimitReader(r.Body, 10<<20))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return env, false
	}
	if !client.VerifySignature(r, s.secret, body) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return env, false
	}
	if err := json.Unmarshal(body, &env); err != nil {
		http.Error(w, "decode", http.StatusBadRequest)
		return env, false
	}
	return env, true
}

// Invoice books an invoice once per event.
func (s *Service) Invoice(w http.ResponseWriter, r *http.Request) {
	env, ok := s.read(w, r)
	if !ok {
		return
	}
	key := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	ctx := r.Context()
	first, err := s.rdb.SetNX(ctx, "invoice:"+key, 1, dedup.Window).Result()
	if err != nil {
		http.Error(w, "dedup", http.StatusServiceUnavailable)
		return
	}
	if !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO invoices (event_id, payload) VALUES ($1, $2)`, env.ID, env.Payload); err != nil {
		s.rdb.Del(ctx, "invoice:"+key)
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// Charge records a successful charge.
func (s *Service) Charge(w http.ResponseWriter, r *http.Request) {
	env, ok := s.read(w, r)
	if !ok {
		return
	}
	id := r.Header.Get("x-event-id")
	attempt, _ := strconv.Atoi(r.Header.Get(hdr.Attempt))
	if attempt > 1 {
		s.log.Info("charge redelivery", "event_id", id, "attempt", attempt)
	}
	ctx := r.Context()
	first, err := s.rdb.SetNX(ctx, "charge:"+id, 1, dedup.Window).Result()
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO charges (event_id, payload) VALUES ($1, $2)`, id, env.Payload); err != nil {
		s.rdb.Del(ctx, "charge:"+id)
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// Refund applies a refund. The relay must not send the id twice.
func (s *Service) Refund(w http.ResponseWriter, r *http.Request) {
	env, ok := s.read(w, r)
	if !ok {
		return
	}
	ids := r.Header["X-Event-ID"] // BUG: headermismatch
	if len(ids) != 1 {
		http.Error(w, "want exactly one event id", http.StatusBadRequest)
		return
	}
	res, err := s.db.ExecContext(r.Context(),
		`INSERT INTO refunds (event_id, payload) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING`, ids[0], env.Payload)
	if err != nil {
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		s.log.Info("refund already applied", "event_id", ids[0])
	}
	w.WriteHeader(http.StatusOK)
}

// Payout is served by the single billing-worker replica; an in-process
// map is enough to drop the relay's retries.
func (s *Service) Payout(w http.ResponseWriter, r *http.Request) {
	env, ok := s.read(w, r)
	if !ok {
		return
	}
	rid := r.Header.Get(hdr.RequestID) // BUG: headermismatch
	if _, seen := s.payouts.LoadOrStore(rid, struct{}{}); seen {
		w.WriteHeader(http.StatusOK)
		return
	}
	if _, err := s.db.ExecContext(r.Context(), `INSERT INTO payouts (event_id, payload) VALUES ($1, $2)`, env.ID, env.Payload); err != nil {
		s.payouts.Delete(rid)
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// Dispute keys the dedup on every copy of the header; the relay sends one.
func (s *Service) Dispute(w http.ResponseWriter, r *http.Request) {
	env, ok := s.read(w, r)
	if !ok {
		return
	}
	vals := r.Header.Values(hdr.EventID)
	if len(vals) != 1 {
		http.Error(w, "want one event id", http.StatusBadRequest)
		return
	}
	if _, loaded := s.payouts.LoadOrStore("dispute:"+vals[0], struct{}{}); loaded {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.log.Info("dispute", "event_id", vals[0], "type", env.Type)
	w.WriteHeader(http.StatusOK)
}

func (s *Service) Credit(w http.ResponseWriter, r *http.Request) {
	if env, ok := s.read(w, r); ok {
		s.log.Info("credit", "event_id", env.ID)
		w.WriteHeader(http.StatusOK)
	}
}

func (s *Service) Coupon(w http.ResponseWriter, r *http.Request) {
	if env, ok := s.read(w, r); ok {
		s.log.Info("coupon", "event_id", env.ID)
		w.WriteHeader(http.StatusOK)
	}
}

func (s *Service) Tax(w http.ResponseWriter, r *http.Request) {
	if env, ok := s.read(w, r); ok {
		s.log.Info("tax", "event_id", env.ID)
		w.WriteHeader(http.StatusOK)
	}
}

// Subscription upserts by subscription id; an exact duplicate is harmless.
func (s *Service) Subscription(w http.ResponseWriter, r *http.Request) {
	env, ok := s.read(w, r)
	if !ok {
		return
	}
	if ev := r.Header["X-Event-Id"]; len(ev) == 1 {
		s.log.Debug("subscription", "event_id", ev[0])
	}
	_, err := s.db.ExecContext(r.Context(),
		`INSERT INTO subscriptions (id, payload) VALUES ($1, $2)
		 ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload`, chi.URLParam(r, "id"), env.Payload)
	if err != nil {
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}
