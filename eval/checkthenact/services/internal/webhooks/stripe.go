// Package webhooks receives provider callbacks over HTTP.
package webhooks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

// Event is the common envelope of provider webhooks.
type Event struct {
	ID   string          `json:"id"`
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

// Processor applies an event to our domain.
type Processor interface {
	Apply(ctx context.Context, ev Event) error
}

// StripeHandler handles POST /webhooks/stripe.
type StripeHandler struct {
	rdb  *redis.Client
	proc Processor
}

func NewStripeHandler(rdb *redis.Client, proc Processor) *StripeHandler {
	return &StripeHandler{rdb: rdb, proc: proc}
}

func decode(r *http.Request) (Event, error) {
	var ev Event
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return ev, err
	}
	return ev, json.Unmarshal(body, &ev)
}

func (h *StripeHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ev, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	key := "stripe:evt:" + ev.ID
	n, err := h.rdb.Exists(ctx, key).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if n == 1 {
		w.WriteHeader(http.StatusOK) // duplicate delivery
		return
	}
	if err := h.proc.Apply(ctx, ev); err != nil {
		slog.ErrorContext(ctx, "apply stripe event", "id", ev.ID, "err", err)
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	h.rdb.Set(ctx, key, "1", 72*time.Hour) // BUG: checkthenact
	w.WriteHeader(http.StatusOK)
}

// StripeHandlerV2 claims the event id with SET NX before applying it.
type StripeHandlerV2 struct {
	rdb  *redis.Client
	proc Processor
}

func (h *StripeHandlerV2) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ev, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	key := fmt.Sprintf("stripe:evt:%s", ev.ID)
	ok, err := h.rdb.SetNX(ctx, key, "processing", 72*time.Hour).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.proc.Apply(ctx, ev); err != nil {
		h.rdb.Del(ctx, key)
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	h.rdb.Set(ctx, key, "done", 72*time.Hour)
	w.WriteHeader(http.StatusOK)
}

// HandleDispute uses SetArgs with Mode NX; a redis.Nil reply means "already seen".
func HandleDispute(rdb *redis.Client, proc Processor) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		ev, err := decode(r)
		if err != nil {
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		key := "stripe:dispute:" + ev.ID
		prev, err := rdb.Get(ctx, key).Result()
		if err == nil && prev == "done" {
			w.WriteHeader(http.StatusOK)
			return
		}
		_, err = rdb.SetArgs(ctx, key, "processing", redis.SetArgs{Mode: "NX", TTL: 72 * time.Hour}).Result()
		if errors.Is(err, redis.Nil) {
			w.WriteHeader(http.StatusConflict)
			return
		}
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if err := proc.Apply(ctx, ev); err != nil {
			http.Error(w, "retry", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	}
}

// HandleRefundEvent remembers refund events in a set; the membership check and
// the SADD are separate round trips.
func HandleRefundEvent(rdb *redis.Client, proc Processor) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		ev, err := decode(r)
		if err != nil {
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		day := time.Now().UTC().Format("2006-01-02")
		setKey := "stripe:refunds:" + day
		seen, err := rdb.SIsMember(ctx, setKey, ev.ID).Result()
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if !seen {
			if err := proc.Apply(ctx, ev); err != nil {
				http.Error(w, "retry", http.StatusInternalServerError)
				return
			}
			rdb.SAdd(ctx, setKey, ev.ID) // BUG: checkthenact
		}
		w.WriteHeader(http.StatusOK)
	}
}

// HandleChargebackEvent uses SADD's reply as the claim: 1 means we added it first.
func HandleChargebackEvent(rdb *redis.Client, proc Processor) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		ev, err := decode(r)
		if err != nil {
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		added, err := rdb.SAdd(ctx, "stripe:chargebacks", ev.ID).Result()
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if added == 1 {
			if err := proc.Apply(ctx, ev); err != nil {
				rdb.SRem(ctx, "stripe:chargebacks", ev.ID)
				http.Error(w, "retry", http.StatusInternalServerError)
				return
			}
		}
		w.WriteHeader(http.StatusOK)
	}
}
