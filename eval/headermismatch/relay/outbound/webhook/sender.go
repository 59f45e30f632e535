// Package webhook delivers our events to subscriber endpoints, at least once.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"example.com/hmcorpus/hdr"
)

type Event struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	CreatedAt time.Time       `json:"created_at"`
	Data      json.RawMessage `json:"data"`
}

type Endpoint struct {
	URL    string
	Secret []byte
}

type Sender struct {
	hc       *http.Client
	attempts int
}

func NewSender(hc *http.Client) *Sender { return &Sender{hc: hc, attempts: 5} }

// Sign computes the signature we put in X-Webhook-Signature.
func Sign(secret, body []byte, ts string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte("."))
	m.Write(body)
	return "v1=" + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a signature made by Sign; receivers of our own webhooks call it.
func Verify(secret, body []byte, ts, sig string) bool {
	return hmac.Equal([]byte(Sign(secret, body, ts)), []byte(sig))
}

// Deliver posts ev to ep, retrying with the same event id so that the receiver can dedup.
func (s *Sender) Deliver(ctx context.Context, ep Endpoint, ev Event) error {
	body, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	var last error
	for attempt := 0; attempt < s.attempts; attempt++ {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, ep.URL, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(hdr.EventID, ev.ID)
		req.Header.Set(hdr.EventType, ev.Type)
		req.Header.Set(hdr.EventTimestamp, ts)
		req.Header.Set(hdr.Signature, Sign(ep.Secret, body, ts))
		req.Header.Set(hdr.DeliveryID, fmt.Sprintf("%s-%d", ev.ID, attempt))
		req.Header["User-Agent"] = []string{"hmcorpus-webhooks/1.4"}
		resp, err := s.hc.Do(req)
		if err != nil {
			last = err
			time.Sleep(time.Duration(attempt+1) * time.Second)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode < 300 {
			return nil
		}
		if rid := resp.Header.Get("X-Request-Id"); rid != "" {
			last = fmt.Errorf("endpoint %s answered %d (request %s)", ep.URL, resp.StatusCode, rid)
		} else {
			last = fmt.Errorf("endpoint %s answered %d", ep.URL, resp.StatusCode)
		}
		time.Sleep(time.Duration(attempt+1) * time.Second)
	}
	return last
}
