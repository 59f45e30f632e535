// Package events defines the order events the marketplace publishes and the
// relay that forwards them to internal HTTP subscribers (notifications).
package events

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
)

// OrderEvent is published on every order state change.
type OrderEvent struct {
	EventID    string    `json:"event_id"`
	Type       string    `json:"type"`
	OrderID    string    `json:"order_id"`
	BuyerID    string    `json:"buyer_id"`
	SellerID   string    `json:"seller_id"`
	Email      string    `json:"email"`
	Phone      string    `json:"phone"`
	TotalCents int64     `json:"total_cents"`
	At         time.Time `json:"at"`
}

// Relay forwards outbox rows to HTTP subscribers. The outbox poller calls
// Forward again on its next tick when a forward fails.
type Relay struct {
	hc  *http.Client
	url string
}

// NewRelay returns a relay posting to url.
func NewRelay(url string) *Relay {
	return &Relay{hc: &http.Client{Timeout: 5 * time.Second}, url: url}
}

// Forward posts one event to the subscriber.
func (r *Relay) Forward(ctx context.Context, ev OrderEvent) error {
	b, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Event-Id", ev.EventID)
	req.Header.Set("X-Request-Id", uuid.NewString())
	resp, err := r.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("relay: subscriber answered %s", resp.Status)
	}
	return nil
}
