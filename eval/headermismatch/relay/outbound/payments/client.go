// Package payments is the client of our internal payments service.
package payments

import (
	"context"
	"fmt"
	"time"

	"github.com/go-resty/resty/v2"
)

type ChargeRequest struct {
	OrderID     string `json:"order_id"`
	CustomerID  string `json:"customer_id"`
	AmountCents int64  `json:"amount_cents"`
	Currency    string `json:"currency"`
}

type Charge struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

type RefundRequest struct {
	ChargeID    string `json:"charge_id"`
	AmountCents int64  `json:"amount_cents"`
}

type Client struct {
	rc *resty.Client
}

func New(baseURL, token string) *Client {
	rc := resty.New().
		SetBaseURL(baseURL).
		SetAuthToken(token).
		SetTimeout(5 * time.Second).
		SetRetryCount(4)
	return &Client{rc: rc}
}

// Charge charges an order once; retries (ours and resty's) reuse the key.
func (c *Client) Charge(ctx context.Context, req ChargeRequest) (*Charge, error) {
	var out Charge
	resp, err := c.rc.R().
		SetContext(ctx).
		SetHeader("X-Idempotency-Key", "charge:"+req.OrderID).
		SetBody(req).
		SetResult(&out).
		Post("/v1/charges")
	if err != nil {
		return nil, err
	}
	if resp.IsError() {
		return nil, fmt.Errorf("charge %s: %s", req.OrderID, resp.Status())
	}
	if resp.Header().Get("Idempotent-Replayed") == "true" {
		out.Status = "replayed:" + out.Status
	}
	return &out, nil
}

func (c *Client) Refund(ctx context.Context, req RefundRequest, key string) error {
	resp, err := c.rc.R().
		SetContext(ctx).
		SetHeader("x-idempotency-key", key).
		SetHeader("X-Request-Id", fmt.Sprintf("refund-%d", time.Now().UnixNano())).
		SetBody(req).
		Post("/v1/refunds")
	if err != nil {
		return err
	}
	if resp.IsError() {
		return fmt.Errorf("refund %s: %s", req.ChargeID, resp.Status())
	}
	return nil
}

func (c *Client) Capture(ctx context.Context, chargeID, key string) error {
	_, err := c.rc.R().
		SetContext(ctx).
		SetHeader("X-Idempotency-Key", key).
		Post("/v1/charges/" + chargeID + "/capture")
	return err
}
