// Package client forwards normalised webhook envelopes to the internal
// consumers over HTTP. Consumers import it for Envelope and VerifySignature.
package client

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"example.com/hooks/internal/hdr"
)

// Envelope is what every consumer receives, whatever the provider.
type Envelope struct {
	ID         string          `json:"id"` // provider event id, or the delivery id when the provider has none
	Provider   string          `json:"provider"`
	Type       string          `json:"type"`
	ReceivedAt time.Time       `json:"received_at"`
	Payload    json.RawMessage `json:"payload"`
}

type Forwarder struct {
	HTTP        *http.Client
	Secret      []byte
	Source      string
	MaxAttempts int
	Log         *slog.Logger
}

// Forward POSTs env to target, retrying 5xx and transport errors.
func (f *Forwarder) Forward(ctx context.Context, target string, env Envelope) error {
	body, err := json.Marshal(env)
	if err != nil {
		return err
	}
	sig := Sign(f.Secret, body)
	var lastErr error
	for attempt := 1; attempt <= f.MaxAttempts; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(hdr.EventID, env.ID)
		req.Header.Set(hdr.RequestID, rand.Text())
		req.Header.Set(hdr.Attempt, strconv.Itoa(attempt))
		req.Header.Set(hdr.Source, f.Source)
		req.Header.Set(hdr.Signature, sig)
		if tp, ok := ctx.Value(traceKey{}).(string); ok {
			req.Header.Set(hdr.TraceParent, tp)
		}

		resp, err := f.HTTP.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 {
				if resp.StatusCode >= 400 {
					return fmt.Errorf("forward %s to %s: %s", env.ID, target, resp.Status)
				}
				return nil
			}
			// the consumer's own request id helps when we chase a 5xx with them
			f.Log.Warn("consumer error", "target", target, "status", resp.StatusCode,
				"consumer_request_id", resp.Header.Get("X-Request-Id"))
			err = fmt.Errorf("forward %s to %s: %s", env.ID, target, resp.Status)
		}
		lastErr = err
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt*attempt) * 200 * time.Millisecond):
		}
	}
	return lastErr
}

// Replay re-sends one stored envelope once, from the admin tool.
func (f *Forwarder) Replay(ctx context.Context, target string, env Envelope) error {
	body, err := json.Marshal(env)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header = http.Header{
		"Content-Type":   {"application/json"},
		hdr.EventID:      {env.ID},
		hdr.Signature:    {Sign(f.Secret, body)},
		"X-Relay-Replay": {"1"},
	}
	resp, err := f.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("replay %s: %s", env.ID, resp.Status)
	}
	return nil
}

type traceKey struct{}

// WithTraceParent carries an incoming W3C traceparent to the forwarded request.
func WithTraceParent(ctx context.Context, tp string) context.Context {
	return context.WithValue(ctx, traceKey{}, tp)
}

func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// VerifySignature checks X-Relay-Signature on a request the relay forwarded.
func VerifySignature(r *http.Request, secret, body []byte) bool {
	got := r.Header.Get(hdr.Signature)
	return hmac.Equal([]byte(got), []byte(Sign(secret, body)))
}
