// Package events receives the webhooks that outbound/webhook sends between our services.
package events

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"sync"

	"example.com/hmcorpus/hdr"
	"example.com/hmcorpus/internal/dedup"
	"example.com/hmcorpus/outbound/webhook"
)

type Applier interface {
	Apply(r *http.Request, ev webhook.Event) error
}

type Receiver struct {
	secret []byte
	ledger *dedup.Ledger
	claims *dedup.Store
	apply  Applier
	log    *slog.Logger

	mu      sync.Mutex
	audited map[string]bool
}

func NewReceiver(secret []byte, l *dedup.Ledger, c *dedup.Store, a Applier, log *slog.Logger) *Receiver {
	return &Receiver{secret: secret, ledger: l, claims: c, apply: a, log: log, audited: map[string]bool{}}
}

func (rc *Receiver) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /internal/events", rc.HandleEvent)
	mux.HandleFunc("POST /internal/v1/events", rc.HandleLegacy)
	mux.HandleFunc("POST /internal/events/audit", rc.HandleAudit)
	mux.HandleFunc("POST /internal/events/replay", rc.HandleReplay)
	mux.HandleFunc("POST /internal/events/mirror", rc.HandleMirror)
	mux.HandleFunc("POST /internal/events/bulk", rc.HandleBulk)
}

func (rc *Receiver) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return nil, false
	}
	if !webhook.Verify(rc.secret, body, r.Header.Get("X-Event-Ts"), r.Header.Get(hdr.Signature)) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

// eventID is the dedup key of a delivery: the sender reuses it on every retry.
func eventID(r *http.Request) string {
	return r.Header.Get(hdr.EventID)
}

func (rc *Receiver) HandleEvent(w http.ResponseWriter, r *http.Request) {
	body, ok := rc.verified(w, r)
	if !ok {
		return
	}
	id := r.Header.Get("x-event-id")
	rc.log.Info("event received", "id", id, "request_id", r.Header.Get("X-Request-Id"), "type", r.Header.Get(hdr.EventType))
	fresh, err := rc.ledger.Record(r.Context(), "internal", id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	var ev webhook.Event
	if err := json.Unmarshal(body, &ev); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := rc.apply.Apply(r, ev); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// HandleLegacy serves the v1 path that old subscribers still point at.
func (rc *Receiver) HandleLegacy(w http.ResponseWriter, r *http.Request) {
	body, ok := rc.verified(w, r)
	if !ok {
		return
	}
	key := r.Header.Get("Idempotency-Key") // BUG: headermismatch
	fresh, err := rc.claims.Claim(r.Context(), "evt:v1:"+key)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	var ev webhook.Event
	_ = json.Unmarshal(body, &ev)
	_ = rc.apply.Apply(r, ev)
}

func (rc *Receiver) HandleAudit(w http.ResponseWriter, r *http.Request) {
	if _, ok := rc.verified(w, r); !ok {
		return
	}
	ids := r.Header["X-Event-ID"] // BUG: headermismatch
	if len(ids) == 0 {
		w.WriteHeader(http.StatusAccepted)
		return
	}
	rc.mu.Lock()
	dup := rc.audited[ids[0]]
	rc.audited[ids[0]] = true
	rc.mu.Unlock()
	if dup {
		w.WriteHeader(http.StatusOK)
		return
	}
	rc.log.Info("audited", "id", ids[0])
}

func (rc *Receiver) HandleReplay(w http.ResponseWriter, r *http.Request) {
	body, ok := rc.verified(w, r)
	if !ok {
		return
	}
	rid := r.Header.Get("X-Request-Id") // BUG: headermismatch
	fresh, err := rc.claims.Claim(r.Context(), "replay:"+rid)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	var ev webhook.Event
	_ = json.Unmarshal(body, &ev)
	_ = rc.apply.Apply(r, ev)
}

func (rc *Receiver) HandleMirror(w http.ResponseWriter, r *http.Request) {
	body, ok := rc.verified(w, r)
	if !ok {
		return
	}
	id := r.Header.Get("Event-Id") // BUG: headermismatch
	fresh, err := rc.ledger.Record(r.Context(), "mirror", id)
	if err != nil || !fresh {
		w.WriteHeader(http.StatusOK)
		return
	}
	var ev webhook.Event
	_ = json.Unmarshal(body, &ev)
	_ = rc.apply.Apply(r, ev)
}

// HandleBulk accepts deliveries that a proxy may have merged: one event id per value.
func (rc *Receiver) HandleBulk(w http.ResponseWriter, r *http.Request) {
	if _, ok := rc.verified(w, r); !ok {
		return
	}
	for _, id := range r.Header.Values("X-Event-Id") {
		fresh, err := rc.claims.Claim(r.Context(), "bulk:"+id)
		if err != nil || !fresh {
			continue
		}
		rc.log.Info("bulk item", "id", id)
	}
	if vs := r.Header[hdr.EventID]; len(vs) > 1 {
		rc.log.Warn("merged delivery", "count", len(vs))
	}
	if fresh, _ := rc.claims.Claim(r.Context(), "bulk-req:"+eventID(r)); !fresh {
		w.WriteHeader(http.StatusOK)
	}
}
