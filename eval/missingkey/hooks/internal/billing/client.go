// Package billing calls the internal billing service.
package billing

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

type Client struct {
	Base string
	HTTP *http.Client
}

type Credit struct {
	AccountID   string `json:"account_id"`
	AmountCents int64  `json:"amount_cents"`
	Reason      string `json:"reason"`
}

// GrantCredit adds account credit.
func (c *Client) GrantCredit(ctx context.Context, cr Credit) error {
	body, _ := json.Marshal(cr)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/v1/credits", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.do(req)
}

// GrantCreditOnce is GrantCredit with an Idempotency-Key.
func (c *Client) GrantCreditOnce(ctx context.Context, key string, cr Credit) error {
	body, _ := json.Marshal(cr)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/v1/credits", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	return c.do(req)
}

func (c *Client) do(req *http.Request) error {
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("billing: %s", resp.Status)
	}
	return nil
}
