// want package:"sends X-Event-Id X-Request-Id"
// Package hmseed is the seed case: the forwarder (hmseedclient) sends X-Event-Id,
// the subscriber dedups on a header nobody sends.
package hmseed

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"hmseedclient"
)

type Handler struct {
	rdb *redis.Client
	db  *sql.DB
	fwd func(context.Context, hmseedclient.Event) error
}

func process(r *http.Request) {}

// ServeHTTP dedups on Idempotency-Key: always "", so every delivery looks new.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key", which no sender in this module sets \(they set "X-Event-Id"\)`
	ok, err := h.rdb.SetNX(r.Context(), "idem:"+key, 1, 24*time.Hour).Result()
	if err != nil || !ok {
		return
	}
	process(r)
}

// byRequestID dedups on the per-request id, which every retry renews.
func (h *Handler) byRequestID(w http.ResponseWriter, r *http.Request) {
	rid := r.Header.Get("X-Request-Id") // want `dedup key comes from per-request header "X-Request-Id", which changes on every retry`
	if h.rdb.Exists(r.Context(), "seen:"+rid).Val() > 0 {
		return
	}
	process(r)
}

// sqlClaim claims the wrong header in SQL.
func (h *Handler) sqlClaim(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key"`
	res, err := h.db.ExecContext(r.Context(), "INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING", key)
	if err != nil {
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return
	}
	process(r)
}

// sprintfKey builds the key with Sprintf.
func (h *Handler) sprintfKey(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key"`
	if ok, _ := h.rdb.SetNX(r.Context(), fmt.Sprintf("idem:%s", key), 1, time.Hour).Result(); !ok {
		return
	}
	process(r)
}

// claim is a helper that performs the dedup claim.
func (h *Handler) claim(ctx context.Context, key string) bool {
	ok, _ := h.rdb.SetNX(ctx, "idem:"+key, 1, 24*time.Hour).Result()
	return ok
}

// viaHelper dedups through a helper.
func (h *Handler) viaHelper(w http.ResponseWriter, r *http.Request) {
	if !h.claim(r.Context(), r.Header.Get("Idempotency-Key")) { // want `dedup key comes from header "Idempotency-Key"`
		return
	}
	process(r)
}

var seen = map[string]bool{}

// mapSeen dedups in a package-level map.
func (h *Handler) mapSeen(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key"`
	if seen[key] {
		return
	}
	seen[key] = true
	process(r)
}

// byEventID dedups on the header the forwarder sends: not reported.
func (h *Handler) byEventID(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("x-event-id")
	ok, err := h.rdb.SetNX(r.Context(), "evt:"+id, 1, 24*time.Hour).Result()
	if err != nil || !ok {
		return
	}
	process(r)
}

// logged reads the key only for logging: not a dedup key, not reported.
func (h *Handler) logged(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	log.Printf("request %s key=%s", r.Header.Get("X-Request-Id"), key)
	id := r.Header.Get("X-Event-Id")
	h.rdb.SetNX(r.Context(), "evt:"+id, 1, 24*time.Hour)
}

// valueNotKey stores the header as a value, keyed by the event id: not reported.
func (h *Handler) valueNotKey(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Event-Id")
	if ok, _ := h.rdb.SetNX(r.Context(), "evt:"+id, 1, 24*time.Hour).Result(); !ok {
		return
	}
	h.rdb.Set(r.Context(), "req:"+id, r.Header.Get("X-Request-Id"), time.Hour)
}

// ignored is suppressed with a reason.
func (h *Handler) ignored(w http.ResponseWriter, r *http.Request) {
	//idemlint:ignore headermismatch the gateway sets Idempotency-Key from X-Event-Id
	key := r.Header.Get("Idempotency-Key")
	h.rdb.SetNX(r.Context(), "idem:"+key, 1, 24*time.Hour)
}
