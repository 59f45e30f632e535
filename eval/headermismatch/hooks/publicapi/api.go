// Package publicapi is the customer-facing API for managing webhook
// subscriptions and requesting replays. Customers' own HTTP clients call it.
package publicapi

import (
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/redis/go-redis/v9"

	"example.com/hooks/internal/dedup"
)

type API struct {
	rdb    *redis.Client
	db     *sql.DB
	claims *dedup.Redis
	log    *slog.Logger
}

func New(rdb *redis.Client, db *sql.DB, log *slog.Logger) *API {
	return &API{rdb: rdb, db: db, claims: dedup.NewRedis(rdb, "api:"), log: log}
}

func (a *API) Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(a.tenant)
	r.Post("/v1/replays", a.CreateReplay)
	r.Post("/v1/subscriptions", a.CreateSubscription)
	r.Post("/v1/test-events", a.SendTestEvent)
	r.Post("/v0/replays", a.CreateReplayV0)
	r.Delete("/v1/subscriptions/{id}", a.DeleteSubscription)
	return r
}

// idemKey returns the customer's Idempotency-Key (IETF draft header).
func idemKey(r *http.Request) string {
	return r.Header.Get("Idempotency-Key")
}

func (a *API) tenant(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X_Tenant_Id") != "" {
			a.log.Warn("legacy tenant header", "ua", r.UserAgent())
		}
		if vals := r.Header["x-api-key"]; len(vals) == 0 && r.Header.Get("Authorization") == "" {
			http.Error(w, "unauthenticated", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (a *API) CreateReplay(w http.ResponseWriter, r *http.Request) {
	key := idemKey(r)
	if key == "" {
		http.Error(w, "Idempotency-Key required", http.StatusBadRequest)
		return
	}
	first, err := a.rdb.SetNX(r.Context(), "replay:"+key, 1, dedup.Window).Result()
	if err != nil {
		http.Error(w, "dedup", http.StatusServiceUnavailable)
		return
	}
	if !first {
		w.WriteHeader(http.StatusConflict)
		return
	}
	var req struct {
		EventIDs []string `json:"event_ids"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "decode", http.StatusBadRequest)
		return
	}
	for _, id := range req.EventIDs {
		if _, err := a.db.ExecContext(r.Context(), `INSERT INTO replay_queue (event_id) VALUES ($1) ON CONFLICT DO NOTHING`, id); err != nil {
			http.Error(w, "store", http.StatusInternalServerError)
			return
		}
	}
	w.WriteHeader(http.StatusAccepted)
}

func (a *API) CreateSubscription(w http.ResponseWriter, r *http.Request) {
	keys := r.Header["Idempotency-Key"]
	if len(keys) != 1 {
		http.Error(w, "exactly one Idempotency-Key required", http.StatusBadRequest)
		return
	}
	res, err := a.db.ExecContext(r.Context(),
		`INSERT INTO subscriptions (idempotency_key, body) VALUES ($1, $2) ON CONFLICT (idempotency_key) DO NOTHING`,
		keys[0], r.URL.Query().Get("url"))
	if err != nil {
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

// SendTestEvent lets a customer fire a test delivery; SDKs send X-Request-Id
// once per logical call and keep it on their retries.
func (a *API) SendTestEvent(w http.ResponseWriter, r *http.Request) {
	rid := r.Header.Get("X-Request-Id")
	first, err := a.claims.Claim(r.Context(), "test:"+rid)
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// CreateReplayV0 is kept for the old CLI.
func (a *API) CreateReplayV0(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency_Key") // BUG: headermismatch
	first, err := a.claims.Claim(r.Context(), "replay-v0:"+key)
	if err != nil || !first {
		w.WriteHeader(http.StatusConflict)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (a *API) DeleteSubscription(w http.ResponseWriter, r *http.Request) {
	a.log.Info("delete subscription", "id", chi.URLParam(r, "id"), "request_id", r.Header.Get("X-Request-ID"))
	if _, err := a.db.ExecContext(r.Context(), `DELETE FROM subscriptions WHERE id = $1`, chi.URLParam(r, "id")); err != nil {
		http.Error(w, "store", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
