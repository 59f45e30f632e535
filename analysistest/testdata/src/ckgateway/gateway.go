// Package ckgateway is a payment provider's HTTP client that sends the
// idempotency key its callers pass.
package ckgateway

import (
	"bytes"
	"context"
	"net/http"
)

type Gateway struct {
	BaseURL string
	HTTP    *http.Client
}

// Charge sends idemKey as the Idempotency-Key header when there is one.
func (g *Gateway) Charge(ctx context.Context, body []byte, idemKey string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.BaseURL+"/charges", bytes.NewReader(body))
	if err != nil {
		return err
	}
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	resp, err := g.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
