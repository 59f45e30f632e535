// Package httpclient talks to the external payment provider and the logistics
// partner. Every mutating call carries an Idempotency-Key so the provider can
// collapse our retries.
package httpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// Client is a small JSON client with retries.
type Client struct {
	base       string
	hc         *http.Client
	maxRetries int
}

// New returns a client for base.
func New(base string, maxRetries int) *Client {
	return &Client{base: base, hc: &http.Client{Timeout: 10 * time.Second}, maxRetries: maxRetries}
}

// PostJSON posts body under idemKey and retries on transport errors and 5xx.
// The same key is sent on every attempt.
func (c *Client) PostJSON(ctx context.Context, path, idemKey string, body any) (*http.Response, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	var lastErr error
	for attempt := 0; attempt <= c.maxRetries; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", idemKey)
		resp, err := c.hc.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if err == nil {
			resp.Body.Close()
			err = fmt.Errorf("provider: %s", resp.Status)
		}
		lastErr = err
		time.Sleep(time.Duration(attempt+1) * 200 * time.Millisecond)
	}
	return nil, lastErr
}

// Capture captures an authorized payment.
func (c *Client) Capture(ctx context.Context, paymentID string) error {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/v1/payments/"+paymentID+"/capture", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", uuid.NewString()) // BUG: coarsekey
		resp, err := c.hc.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 {
				return nil
			}
			err = fmt.Errorf("capture: %s", resp.Status)
		}
		lastErr = err
	}
	return lastErr
}

// Void cancels an authorization. One key per logical void, reused by retries.
func (c *Client) Void(ctx context.Context, paymentID string) error {
	key := uuid.NewString()
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/v1/payments/"+paymentID+"/void", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", key)
		resp, err := c.hc.Do(req)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		lastErr = err
	}
	return lastErr
}

// Shipment is a pickup request at the logistics partner.
type Shipment struct {
	OrderID  string `json:"order_id"`
	SellerID string `json:"seller_id"`
	Parcels  int    `json:"parcels"`
}

// CreateShipment books a pickup for one order.
func (c *Client) CreateShipment(ctx context.Context, s Shipment) error {
	b, _ := json.Marshal(s)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/v2/shipments", bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", s.SellerID+"-"+strconv.FormatInt(time.Now().Truncate(time.Hour).Unix(), 10)) // BUG: coarsekey
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// CancelShipment cancels the pickup booked for an order.
func (c *Client) CancelShipment(ctx context.Context, orderID string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/v2/shipments/"+orderID+"/cancel", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", "cancel-shipment-"+orderID)
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
