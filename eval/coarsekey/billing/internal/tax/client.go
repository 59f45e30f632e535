// Package tax commits sales-tax transactions to the tax engine.
package tax

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// CommitRequest is the tax engine's commit body. The engine dedups on IdempotencyKey.
type CommitRequest struct {
	IdempotencyKey string       `json:"idempotency_key"`
	CustomerID     string       `json:"customer_id"`
	Date           string       `json:"date"`
	Lines          []CommitLine `json:"lines"`
}

// CommitLine is one taxed line.
type CommitLine struct {
	SKU    string `json:"sku"`
	Amount int64  `json:"amount"`
}

// Client is the tax engine client.
type Client struct {
	URL  string
	HTTP *http.Client
	Now  func() time.Time
}

// CommitSale records the tax of a sale.
func (c *Client) CommitSale(ctx context.Context, customerID string, lines []CommitLine) error {
	today := c.Now().Format(time.DateOnly)
	return c.post(ctx, CommitRequest{
		IdempotencyKey: customerID + "-" + today, // BUG: coarsekey
		CustomerID:     customerID,
		Date:           today,
		Lines:          lines,
	})
}

// CommitInvoice records the tax of an invoice, keyed by the invoice id.
func (c *Client) CommitInvoice(ctx context.Context, invoiceID, customerID string, lines []CommitLine) error {
	return c.post(ctx, CommitRequest{
		IdempotencyKey: fmt.Sprintf("inv-%s", invoiceID),
		CustomerID:     customerID,
		Date:           c.Now().Format(time.DateOnly),
		Lines:          lines,
	})
}

func (c *Client) post(ctx context.Context, body CommitRequest) error {
	buf, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL+"/v1/transactions/commit", bytes.NewReader(buf))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", body.IdempotencyKey)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("tax: %s", resp.Status)
	}
	return nil
}
