package notifications

import (
	"encoding/json"
	"log"
	"net/http"

	"github.com/redis/go-redis/v9"

	"example.com/marketplace/internal/config"
	"example.com/marketplace/internal/events"
)

// Hooks receives order events forwarded by events.Relay.
type Hooks struct {
	rdb  redis.Cmdable
	mail Mailer
}

// NewHooks wires the receivers.
func NewHooks(rdb redis.Cmdable, mail Mailer) *Hooks { return &Hooks{rdb: rdb, mail: mail} }

// Mux registers one receiver per event family.
func (h *Hooks) Mux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /hooks/order-confirmed", h.orderConfirmed)
	mux.HandleFunc("POST /hooks/order-shipped", h.orderShipped)
	mux.HandleFunc("POST /hooks/order-delivered", h.orderDelivered)
	mux.HandleFunc("POST /hooks/order-cancelled", h.orderCancelled)
	mux.HandleFunc("POST /hooks/order-returned", h.orderReturned)
	mux.HandleFunc("POST /hooks/order-refunded", h.orderRefunded)
	mux.HandleFunc("POST /hooks/order-disputed", h.orderDisputed)
	mux.HandleFunc("POST /hooks/order-reviewed", h.orderReviewed)
	return mux
}

func decodeEvent(w http.ResponseWriter, r *http.Request) (events.OrderEvent, bool) {
	var ev events.OrderEvent
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return ev, false
	}
	return ev, true
}

// claim claims a forwarded delivery; false means it was handled before.
func (h *Hooks) claim(r *http.Request, id string) bool {
	ok, err := h.rdb.SetNX(r.Context(), "hook:evt:"+id, 1, config.DedupWindow).Result()
	return err == nil && ok
}

func (h *Hooks) orderConfirmed(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Event-Id")
	log.Printf("order-confirmed request=%s", r.Header.Get("X-Request-Id"))
	ev, ok := decodeEvent(w, r)
	if !ok {
		return
	}
	if !h.claim(r, id) {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.mail.Send(ev.Email, "Order confirmed", ev.OrderID)
	w.WriteHeader(http.StatusOK)
}

func (h *Hooks) orderShipped(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	ev, ok := decodeEvent(w, r)
	if !ok {
		return
	}
	if !h.claim(r, id) {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.mail.Send(ev.Email, "Order shipped", ev.OrderID)
	w.WriteHeader(http.StatusOK)
}

func (h *Hooks) orderDelivered(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Request-Id") // BUG: headermismatch
	ev, ok := decodeEvent(w, r)
	if !ok {
		return
	}
	if !h.claim(r, id) {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.mail.Send(ev.Email, "Order delivered", ev.OrderID)
	w.WriteHeader(http.StatusOK)
}

func (h *Hooks) orderCancelled(w http.ResponseWriter, r *http.Request) {
	ids := r.Header["X-Event-ID"] // BUG: headermismatch
	if len(ids) == 0 {
		http.Error(w, "missing event id", http.StatusBadRequest)
		return
	}
	ev, ok := decodeEvent(w, r)
	if !ok {
		return
	}
	if !h.claim(r, ids[0]) {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.mail.Send(ev.Email, "Order cancelled", ev.OrderID)
	w.WriteHeader(http.StatusOK)
}

func (h *Hooks) orderReturned(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X_Event_Id") // BUG: headermismatch
	ev, ok := decodeEvent(w, r)
	if !ok {
		return
	}
	if !h.claim(r, id) {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.mail.Send(ev.Email, "Return received", ev.OrderID)
	w.WriteHeader(http.StatusOK)
}

func (h *Hooks) orderRefunded(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("Event-Id") // BUG: headermismatch
	ev, ok := decodeEvent(w, r)
	if !ok {
		return
	}
	if !h.claim(r, id) {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.mail.Send(ev.Email, "Refund issued", ev.OrderID)
	w.WriteHeader(http.StatusOK)
}

func (h *Hooks) orderDisputed(w http.ResponseWriter, r *http.Request) {
	ids := r.Header.Values("x-event-id")
	if len(ids) == 0 {
		http.Error(w, "missing event id", http.StatusBadRequest)
		return
	}
	ev, ok := decodeEvent(w, r)
	if !ok {
		return
	}
	if !h.claim(r, ids[0]) {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.mail.Send(ev.Email, "Dispute opened", ev.OrderID)
	w.WriteHeader(http.StatusOK)
}

func (h *Hooks) orderReviewed(w http.ResponseWriter, r *http.Request) {
	ids := r.Header["X-Event-Id"]
	if len(ids) == 0 {
		http.Error(w, "missing event id", http.StatusBadRequest)
		return
	}
	ev, ok := decodeEvent(w, r)
	if !ok {
		return
	}
	if !h.claim(r, ids[0]) {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.mail.Send(ev.Email, "Thanks for your review", ev.OrderID)
	w.WriteHeader(http.StatusOK)
}
