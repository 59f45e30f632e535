// Package webhooks receives delivery-status callbacks from the mail and SMS providers.
package webhooks

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

// StatusSink records provider delivery statuses.
type StatusSink interface {
	MailEvent(ctx context.Context, messageID, event string, at time.Time) error
	SMSStatus(ctx context.Context, sid, status string) error
}

// sendgridEvent is one element of SendGrid's event webhook batch.
type sendgridEvent struct {
	SGEventID   string `json:"sg_event_id"`
	SGMessageID string `json:"sg_message_id"`
	Event       string `json:"event"`
	Timestamp   int64  `json:"timestamp"`
}

// SendGrid handles POST /webhooks/sendgrid.
type SendGrid struct {
	RDB  redis.UniversalClient
	Sink StatusSink
	Log  *slog.Logger
}

func (h *SendGrid) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var batch []sendgridEvent
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, "payload", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	for _, ev := range batch {
		fresh, err := h.RDB.SetNX(ctx, "wh:sg:"+ev.SGEventID, ev.Event, time.Hour).Result() // BUG: dedupttl
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if !fresh {
			continue
		}
		if err := h.Sink.MailEvent(ctx, ev.SGMessageID, ev.Event, time.Unix(ev.Timestamp, 0)); err != nil {
			h.Log.Error("mail event", "id", ev.SGEventID, "err", err)
		}
	}
	w.WriteHeader(http.StatusOK)
}

// SendGridV2 is the handler behind the new ingress; it pipelines the claims of a batch.
type SendGridV2 struct {
	RDB  redis.UniversalClient
	Sink StatusSink
}

func (h *SendGridV2) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var batch []sendgridEvent
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, "payload", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	claims := make([]*redis.BoolCmd, len(batch))
	_, err := h.RDB.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, ev := range batch {
			claims[i] = p.SetNX(ctx, "wh:sg:"+ev.SGEventID, 1, 3*24*time.Hour)
		}
		return nil
	})
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	for i, ev := range batch {
		if claims[i].Val() {
			_ = h.Sink.MailEvent(ctx, ev.SGMessageID, ev.Event, time.Unix(ev.Timestamp, 0))
		}
	}
	w.WriteHeader(http.StatusOK)
}

// SendGridBounces handles the bounce-only endpoint, batch-pipelined like V2.
type SendGridBounces struct {
	RDB  redis.Cmdable
	Sink StatusSink
}

func (h *SendGridBounces) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var batch []sendgridEvent
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, "payload", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	pipe := h.RDB.TxPipeline()
	claims := make([]*redis.BoolCmd, len(batch))
	for i, ev := range batch {
		claims[i] = pipe.SetNX(ctx, "wh:sg:bounce:"+ev.SGEventID, 1, 20*time.Minute) // BUG: dedupttl
	}
	if _, err := pipe.Exec(ctx); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	for i, ev := range batch {
		if claims[i].Val() {
			_ = h.Sink.MailEvent(ctx, ev.SGMessageID, "bounce", time.Unix(ev.Timestamp, 0))
		}
	}
	w.WriteHeader(http.StatusOK)
}
