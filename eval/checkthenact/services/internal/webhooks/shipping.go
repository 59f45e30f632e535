package webhooks

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/evalcorpus/internal/store"
)

// ShippingHandler receives carrier status updates.
type ShippingHandler struct {
	st   *store.Store
	rdb  redis.UniversalClient
	proc Processor
}

func NewShippingHandler(st *store.Store, proc Processor) *ShippingHandler {
	return &ShippingHandler{st: st, rdb: st.Client(), proc: proc}
}

// Delivered handles "parcel delivered" callbacks; processed ids are tracked via Store helpers.
func (h *ShippingHandler) Delivered(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ev, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	seen, err := h.st.Seen(ctx, ev.ID)
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if seen {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.proc.Apply(ctx, ev); err != nil {
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	if err := h.st.MarkSeen(ctx, ev.ID); err != nil { // BUG: checkthenact
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// Returned handles "parcel returned" callbacks with an atomic claim.
func (h *ShippingHandler) Returned(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ev, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	ok, err := h.st.Claim(ctx, ev.ID)
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.proc.Apply(ctx, ev); err != nil {
		_ = h.st.Release(ctx, ev.ID)
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// Label stores the generated label per order in a hash; a retried request must
// not create a second label at the carrier.
func (h *ShippingHandler) Label(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	orderID := r.URL.Query().Get("order_id")
	if orderID == "" {
		http.Error(w, "order_id required", http.StatusBadRequest)
		return
	}
	has, err := h.rdb.HExists(ctx, "shipping:labels", orderID).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if has {
		url, _ := h.rdb.HGet(ctx, "shipping:labels", orderID).Result()
		_ = json.NewEncoder(w).Encode(map[string]string{"label_url": url})
		return
	}
	url := "https://labels.example.com/" + orderID + "/" + time.Now().Format("150405")
	h.rdb.HSet(ctx, "shipping:labels", orderID, url) // BUG: checkthenact
	_ = json.NewEncoder(w).Encode(map[string]string{"label_url": url})
}

// LabelV2 uses HSETNX so only one label wins.
func (h *ShippingHandler) LabelV2(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	orderID := r.URL.Query().Get("order_id")
	url := "https://labels.example.com/" + orderID + "/" + time.Now().Format("150405")
	won, err := h.rdb.HSetNX(ctx, "shipping:labels", orderID, url).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if !won {
		url, err = h.rdb.HGet(ctx, "shipping:labels", orderID).Result()
		if errors.Is(err, redis.Nil) {
			http.Error(w, "retry", http.StatusConflict)
			return
		}
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"label_url": url})
}

// Tracking reads one hash field and writes a different one.
func (h *ShippingHandler) Tracking(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	orderID := r.URL.Query().Get("order_id")
	carrier, err := h.rdb.HGet(ctx, "shipping:carrier", orderID).Result()
	if errors.Is(err, redis.Nil) {
		http.Error(w, "unknown order", http.StatusNotFound)
		return
	}
	h.rdb.HSet(ctx, "shipping:last_query", orderID, carrier+"@"+time.Now().Format(time.RFC3339))
	w.WriteHeader(http.StatusNoContent)
}
