package webhooks

import (
	"net/http"
	"sync"
	"time"

	"example.com/platform/internal/effects"
)

// SMSStatusHandler receives Twilio status callbacks. The dedup is in-process:
// the service runs with one replica, but callbacks arrive concurrently.
type SMSStatusHandler struct {
	seen sync.Map // MessageSid -> time.Time
}

func (h *SMSStatusHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	sid := r.PostForm.Get("MessageSid")
	if _, dup := h.seen.Load(sid); dup {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if r.PostForm.Get("MessageStatus") == "failed" {
		_ = effects.Notify(r.Context(), "sms-failures", sid)
	}
	h.seen.Store(sid, time.Now()) // BUG: checkthenact
	w.WriteHeader(http.StatusNoContent)
}

// VoiceStatusHandler does the same with LoadOrStore.
type VoiceStatusHandler struct {
	seen sync.Map
}

func (h *VoiceStatusHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	sid := r.PostForm.Get("CallSid")
	if _, dup := h.seen.LoadOrStore(sid, time.Now()); dup {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	_ = effects.Notify(r.Context(), "calls", sid)
	w.WriteHeader(http.StatusNoContent)
}

// RecordingHandler guards its map with a mutex: the check and the store are
// one critical section.
type RecordingHandler struct {
	mu   sync.Mutex
	seen sync.Map
}

func (h *RecordingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sid := r.URL.Query().Get("RecordingSid")
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, dup := h.seen.Load(sid); dup {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	_ = effects.Notify(r.Context(), "recordings", sid)
	h.seen.Store(sid, time.Now())
	w.WriteHeader(http.StatusNoContent)
}
