package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"time"

	"example.com/hooks/internal/hdr"
	"example.com/hooks/relay/client"
	"example.com/hooks/relay/grpcfwd"
)

// verifyZendesk: base64(HMAC-SHA256(timestamp + body)).
func verifyZendesk(secret, sig, ts string, body []byte) bool {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write(body)
	return hmac.Equal([]byte(sig), []byte(base64.StdEncoding.EncodeToString(m.Sum(nil))))
}

// Zendesk handles ticket events. The invocation id is the same on every
// retry of one invocation.
func (s *Service) Zendesk(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 2<<20))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	if !verifyZendesk(s.secrets.Zendesk, r.Header.Get("X-Zendesk-Webhook-Signature"),
		r.Header.Get("X-Zendesk-Webhook-Signature-Timestamp"), body) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	inv := r.Header.Get("X-Zendesk-Webhook-Invocation-Id")
	s.log.Info("zendesk", "webhook_id", r.Header.Get("X-Zendesk-Webhook-Id"), "invocation", inv)
	first, err := s.seen.Claim(r.Context(), "zendesk:"+inv)
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	env := client.Envelope{ID: inv, Provider: "zendesk", ReceivedAt: time.Now(), Payload: body}
	if err := grpcfwd.Forward(grpcfwd.WithSource(r.Context(), "eu-1"), s.index, env, 3); err != nil {
		s.log.Warn("search index", "err", err)
	}
	_ = s.forward(r.Context(), "zendesk:"+inv, env)
	w.WriteHeader(http.StatusOK)
}

// ZendeskSunshine handles Sunshine custom-object events.
func (s *Service) ZendeskSunshine(w http.ResponseWriter, r *http.Request) {
	sig := r.Header.Get("X-Zendesk-Webhook-Signature")
	body, err := io.ReadAll(io.LimitReader(r.Body, 2<<20))
	if err != nil || !verifyZendesk(s.secrets.Zendesk, sig, r.Header.Get("X-Zendesk-Webhook-Signature-Timestamp"), body) {
		http.Error(w, "bad request", http.StatusUnauthorized)
		return
	}
	deliveryID := r.Header.Get("X-Delivery-Id") // BUG: headermismatch
	first, err := s.seen.Claim(r.Context(), "sunshine:"+deliveryID)
	if err != nil || !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	env := client.Envelope{ID: deliveryID, Provider: "zendesk-sunshine", ReceivedAt: time.Now(), Payload: body}
	_ = s.fwd.Forward(r.Context(), s.targets["zendesk"], env)
	w.WriteHeader(http.StatusOK)
}

// PeerInbound accepts envelopes the other region's relay forwarded to us
// (relay/client.Forwarder on their side).
func (s *Service) PeerInbound(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 25<<20))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	if !client.VerifySignature(r, s.secrets.Relay, body) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	id := r.Header.Get(hdr.EventID)
	s.log.Debug("peer delivery", "event_id", id, "attempt", r.Header.Get(hdr.Attempt),
		"source", r.Header.Get(hdr.Source), "request_id", r.Header.Get(hdr.RequestID))
	first, err := s.seen.Claim(r.Context(), "peer:"+id)
	if err != nil {
		http.Error(w, "dedup", http.StatusServiceUnavailable)
		return
	}
	if !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
