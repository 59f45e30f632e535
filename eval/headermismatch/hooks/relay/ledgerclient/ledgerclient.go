// Package ledgerclient posts ledger entries for payment events. The ledger
// API wants X-Idempotency-Key on every write.
package ledgerclient

import (
	"context"
	"fmt"
	"time"

	"github.com/go-resty/resty/v2"

	"example.com/hooks/internal/hdr"
	"example.com/hooks/relay/client"
)

// Entry is the ledger's write model; the ledger service decodes the same type.
type Entry struct {
	Account     string `json:"account"`
	AmountMinor int64  `json:"amount_minor"`
	Currency    string `json:"currency"`
	Memo        string `json:"memo"`
}

type Client struct {
	r *resty.Client
}

func New(baseURL, token string) *Client {
	r := resty.New().
		SetBaseURL(baseURL).
		SetAuthToken(token).
		SetHeader("User-Agent", "hooks-relay/1").
		SetRetryCount(4).
		SetRetryWaitTime(300 * time.Millisecond)
	return &Client{r: r}
}

// Post writes one entry for env. Retries reuse the same request, so the
// idempotency key is the same on every attempt.
func (c *Client) Post(ctx context.Context, env client.Envelope, e Entry) error {
	resp, err := c.r.R().
		SetContext(ctx).
		SetHeader(hdr.IdempotencyKey, "ledger:"+env.ID).
		SetHeaders(map[string]string{
			"X-Ledger-Account": e.Account,
			"X-Relay-Source":   env.Provider,
		}).
		SetBody(e).
		Post("/v1/entries")
	if err != nil {
		return err
	}
	if resp.IsError() {
		return fmt.Errorf("ledger: %s", resp.Status())
	}
	return nil
}

// Reverse posts the reversal of an earlier entry.
func (c *Client) Reverse(ctx context.Context, env client.Envelope, original string) error {
	resp, err := c.r.R().
		SetContext(ctx).
		SetHeader("X-Idempotency-Key", "reverse:"+env.ID).
		SetBody(map[string]string{"original": original}).
		Post("/v1/reversals")
	if err != nil {
		return err
	}
	if resp.IsError() {
		return fmt.Errorf("ledger reverse: %s", resp.Status())
	}
	return nil
}
