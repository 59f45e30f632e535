package webhooks

import (
	"errors"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

// Twilio handles POST /webhooks/twilio/status (form-encoded status callbacks).
type Twilio struct {
	RDB  redis.Cmdable
	Sink StatusSink
}

func (h *Twilio) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "form", http.StatusBadRequest)
		return
	}
	sid, status := r.PostForm.Get("MessageSid"), r.PostForm.Get("MessageStatus")
	key := "wh:twilio:" + sid + ":" + status
	ctx := r.Context()
	n, err := h.RDB.Exists(ctx, key).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if n > 0 {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if err := h.Sink.SMSStatus(ctx, sid, status); err != nil {
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	h.RDB.Set(ctx, key, 1, 15*time.Minute) // BUG: dedupttl
	w.WriteHeader(http.StatusNoContent)
}

// TwilioInbound handles inbound SMS (STOP/START keywords) at POST /webhooks/twilio/inbound.
type TwilioInbound struct {
	RDB   redis.Cmdable
	OptIn func(phone string, in bool) error
}

func (h *TwilioInbound) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "form", http.StatusBadRequest)
		return
	}
	sid := r.PostForm.Get("MessageSid")
	ctx := r.Context()
	key := "wh:twilio:in:" + sid
	if n, err := h.RDB.Exists(ctx, key).Result(); err != nil || n > 0 {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if err := h.RDB.Set(ctx, key, 1, 0).Err(); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	h.RDB.Expire(ctx, key, 2*time.Hour) // BUG: dedupttl
	switch r.PostForm.Get("Body") {
	case "STOP":
		_ = h.OptIn(r.PostForm.Get("From"), false)
	case "START":
		_ = h.OptIn(r.PostForm.Get("From"), true)
	}
	w.WriteHeader(http.StatusNoContent)
}

// TwilioInboundV2 claims with SET NX and then sets the retention.
type TwilioInboundV2 struct {
	RDB   redis.Cmdable
	OptIn func(phone string, in bool) error
}

func (h *TwilioInboundV2) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "form", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	key := "wh:twilio:in:" + r.PostForm.Get("MessageSid")
	ok, err := h.RDB.SetNX(ctx, key, 1, 0).Result()
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if !ok {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	h.RDB.Expire(ctx, key, 72*time.Hour)
	_ = h.OptIn(r.PostForm.Get("From"), r.PostForm.Get("Body") != "STOP")
	w.WriteHeader(http.StatusNoContent)
}

// TwilioVoice handles call-status callbacks; markers never expire (small key space).
type TwilioVoice struct {
	RDB  redis.Cmdable
	Sink StatusSink
}

func (h *TwilioVoice) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "form", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	sid := r.PostForm.Get("CallSid")
	err := h.RDB.SetArgs(ctx, "wh:twilio:call:"+sid, 1, redis.SetArgs{Mode: "NX"}).Err()
	if errors.Is(err, redis.Nil) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	_ = h.Sink.SMSStatus(ctx, sid, r.PostForm.Get("CallStatus"))
	w.WriteHeader(http.StatusNoContent)
}

// TwilioFax handles fax status callbacks.
type TwilioFax struct {
	RDB  redis.Cmdable
	Sink StatusSink
}

func (h *TwilioFax) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "form", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	sid := r.PostForm.Get("FaxSid")
	err := h.RDB.SetArgs(ctx, "wh:twilio:fax:"+sid, 1, redis.SetArgs{Mode: "NX", TTL: 3600}).Err() // BUG: dedupttl
	if errors.Is(err, redis.Nil) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	_ = h.Sink.SMSStatus(ctx, sid, r.PostForm.Get("FaxStatus"))
	w.WriteHeader(http.StatusNoContent)
}
