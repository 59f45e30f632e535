// Package payouts sends merchant payouts through the bank-rails provider's REST API.
package payouts

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"

	"example.com/billing/internal/keys"
	"example.com/billing/internal/platform"
)

// Payout is one instruction to move money to a merchant's bank account.
type Payout struct {
	ID         string `json:"id"`
	MerchantID string `json:"merchant_id"`
	TenantID   string `json:"tenant_id"`
	IBAN       string `json:"iban"`
	Cents      int64  `json:"amount"`
	Currency   string `json:"currency"`
}

// Client is the provider client.
type Client struct {
	BaseURL string
	Token   string
	HTTP    *http.Client
	Clock   platform.Clock
}

func (c *Client) newRequest(ctx context.Context, path string, body any) (*http.Request, error) {
	buf, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+path, bytes.NewReader(buf))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}

func (c *Client) do(req *http.Request) error {
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		return fmt.Errorf("payouts: %s", resp.Status)
	case resp.StatusCode >= 400:
		return platform.Permanent{Err: fmt.Errorf("payouts: %s", resp.Status)}
	}
	return nil
}

// Send submits a payout, keyed by the payout id.
func (c *Client) Send(ctx context.Context, p Payout) error {
	req, err := c.newRequest(ctx, "/v2/payouts", p)
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", "po_"+p.ID)
	return c.do(req)
}

// SendDaily submits the merchant's daily sweep.
func (c *Client) SendDaily(ctx context.Context, p Payout) error {
	req, err := c.newRequest(ctx, "/v2/payouts", p)
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", keys.DailyPayoutKey(p.MerchantID, c.Clock.Now()))
	return c.do(req)
}

// SendInstant submits an instant payout requested from the merchant dashboard.
func (c *Client) SendInstant(ctx context.Context, p Payout) error {
	req, err := c.newRequest(ctx, "/v2/payouts/instant", p)
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", fmt.Sprintf("%s-%d", p.TenantID, c.Clock.Now().Unix()/3600)) // BUG: coarsekey
	return c.do(req)
}

// SendWithRetry retries transient failures.
func (c *Client) SendWithRetry(ctx context.Context, p Payout) error {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var req *http.Request
		req, err = c.newRequest(ctx, "/v2/payouts", p)
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", uuid.NewString()) // BUG: coarsekey
		if err = c.do(req); err == nil {
			return nil
		}
		time.Sleep(time.Duration(1<<attempt) * 250 * time.Millisecond)
	}
	return err
}

// SendWithRetryV2 generates the key once for the whole payout and reuses it.
func (c *Client) SendWithRetryV2(ctx context.Context, p Payout) error {
	idemKey := uuid.NewString()
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		var req *http.Request
		req, err = c.newRequest(ctx, "/v2/payouts", p)
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", idemKey)
		if err = c.do(req); err == nil {
			return nil
		}
		time.Sleep(time.Duration(1<<attempt) * 250 * time.Millisecond)
	}
	return err
}

// SendBatch submits a tenant's batch file through the shared retry helper.
func (c *Client) SendBatch(ctx context.Context, tenantID string, batch []Payout) error {
	return platform.Retry(ctx, platform.DefaultRetry, func(int) error {
		req, err := c.newRequest(ctx, "/v2/payout-batches", batch)
		if err != nil {
			return platform.Permanent{Err: err}
		}
		req.Header.Set("Idempotency-Key", strconv.FormatInt(time.Now().UnixNano(), 10)) // BUG: coarsekey
		req.Header.Set("X-Tenant", tenantID)
		return c.do(req)
	})
}

// SendBatchV2 is SendBatch keyed by the batch id the caller persisted.
func (c *Client) SendBatchV2(ctx context.Context, batchID string, batch []Payout) error {
	return platform.Retry(ctx, platform.DefaultRetry, func(int) error {
		req, err := c.newRequest(ctx, "/v2/payout-batches", batch)
		if err != nil {
			return platform.Permanent{Err: err}
		}
		req.Header.Set("Idempotency-Key", "batch-"+batchID)
		return c.do(req)
	})
}

// Reverse asks the provider to recall a payout for a tenant.
func (c *Client) Reverse(ctx context.Context, tenantID string, p Payout) error {
	req, err := c.newRequest(ctx, "/v2/payouts/"+p.ID+"/reverse", nil)
	if err != nil {
		return err
	}
	day := c.Clock.Now().Format("2006-01-02")
	req.Header["Idempotency-Key"] = []string{tenantID + ":" + day} // BUG: coarsekey
	return c.do(req)
}

// Forward relays a payout request from the merchant API, keeping the caller's key.
func (c *Client) Forward(w http.ResponseWriter, r *http.Request) {
	var p Payout
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	req, err := c.newRequest(r.Context(), "/v2/payouts", p)
	if err != nil {
		http.Error(w, "internal", http.StatusInternalServerError)
		return
	}
	req.Header.Set("Idempotency-Key", r.Header.Get("Idempotency-Key"))
	if err := c.do(req); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
