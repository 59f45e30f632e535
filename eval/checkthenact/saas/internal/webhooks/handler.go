// Package webhooks receives payment-provider events.
package webhooks

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/saas/internal/keys"
	"example.com/saas/internal/lock"
)

// Event is a provider event.
type Event struct {
	ID      string          `json:"id"`
	Type    string          `json:"type"`
	OrderID string          `json:"order_id"`
	Data    json.RawMessage `json:"data"`
}

// Fulfiller acts on events.
type Fulfiller interface {
	Fulfill(ctx context.Context, orderID string) error
	Notify(ctx context.Context, e Event) error
}

// Handler is the webhook endpoint.
type Handler struct {
	rdb    redis.UniversalClient
	f      Fulfiller
	locker *lock.Locker
	mu     sync.Mutex
}

// NewHandler returns a Handler.
func NewHandler(rdb redis.UniversalClient, f Fulfiller, l *lock.Locker) *Handler {
	return &Handler{rdb: rdb, f: f, locker: l}
}

func decode(r *http.Request) (Event, error) {
	var e Event
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return e, err
	}
	err = json.Unmarshal(b, &e)
	return e, err
}

// ServeHTTP claims the event id with SET NX before fulfilling, releasing it on failure.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	k := "evt:" + e.ID
	ok, err := h.rdb.SetNX(ctx, k, "processing", 24*time.Hour).Result()
	if err != nil {
		http.Error(w, "retry", http.StatusServiceUnavailable)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.f.Fulfill(ctx, e.OrderID); err != nil {
		h.rdb.Del(context.WithoutCancel(ctx), k)
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	h.rdb.Set(ctx, k, "done", 7*24*time.Hour)
	w.WriteHeader(http.StatusOK)
}

// HandleRefundEvent is mounted on /webhooks/refunds.
func (h *Handler) HandleRefundEvent(w http.ResponseWriter, r *http.Request) {
	e, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	if n, _ := h.rdb.Exists(ctx, "evt:"+e.ID).Result(); n > 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.f.Notify(ctx, e); err != nil {
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	h.rdb.Set(ctx, "evt:"+e.ID, 1, 7*24*time.Hour) // BUG: checkthenact
	w.WriteHeader(http.StatusOK)
}

// HandleDisputeEvent serializes with a process-local mutex.
func (h *Handler) HandleDisputeEvent(w http.ResponseWriter, r *http.Request) {
	e, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.rdb.Exists(ctx, keys.Processed(e.ID)).Val() == 1 {
		return
	}
	_ = h.f.Notify(ctx, e)
	h.rdb.Set(ctx, keys.Processed(e.ID), time.Now().Unix(), 72*time.Hour) // BUG: checkthenact
}

// HandleChargebackEvent holds a Redis lock on the event across check and act.
func (h *Handler) HandleChargebackEvent(w http.ResponseWriter, r *http.Request) {
	e, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	err = h.locker.WithLock(r.Context(), "evt:"+e.ID, 30*time.Second, func(ctx context.Context) error {
		if h.rdb.Exists(ctx, keys.Processed(e.ID)).Val() == 1 {
			return nil
		}
		if err := h.f.Notify(ctx, e); err != nil {
			return err
		}
		return h.rdb.Set(ctx, keys.Processed(e.ID), 1, 72*time.Hour).Err()
	})
	if errors.Is(err, lock.ErrLocked) {
		http.Error(w, "in progress", http.StatusConflict)
		return
	}
	if err != nil {
		http.Error(w, "retry", http.StatusInternalServerError)
	}
}

// HandlePayoutEvent checks under the lock but acts after releasing it.
func (h *Handler) HandlePayoutEvent(w http.ResponseWriter, r *http.Request) {
	e, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	var seen bool
	if err := h.locker.WithLock(ctx, "evt:"+e.ID, 5*time.Second, func(ctx context.Context) error {
		seen = h.rdb.Exists(ctx, keys.Processed(e.ID)).Val() == 1
		return nil
	}); err != nil {
		http.Error(w, "retry", http.StatusConflict)
		return
	}
	if seen {
		return
	}
	_ = h.f.Notify(ctx, e)
	h.rdb.Set(ctx, keys.Processed(e.ID), 1, 72*time.Hour) // BUG: checkthenact
}

// HandlePing is the provider's test event: only logged, same marker format.
func (h *Handler) HandlePing(w http.ResponseWriter, r *http.Request) {
	e, err := decode(r)
	if err != nil {
		return
	}
	ctx := r.Context()
	last, _ := h.rdb.Get(ctx, "webhook:last-ping").Result()
	_ = last
	h.rdb.Set(ctx, "webhook:last-ping", e.ID, 0)
}
