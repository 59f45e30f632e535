// Package mkclient is an API client that builds each request in one method and
// sends it with a do helper: the method is known where the request is built.
package mkclient

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
)

type Client struct {
	HTTP *http.Client
	Base string
}

// GrantCredit posts a credit with no idempotency key.
func (c *Client) GrantCredit(ctx context.Context, account string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/v1/credits", bytes.NewReader([]byte(account)))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.do(req)
}

// GrantCreditOnce is GrantCredit with an Idempotency-Key.
func (c *Client) GrantCreditOnce(ctx context.Context, key, account string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/v1/credits", bytes.NewReader([]byte(account)))
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", key)
	return c.do(req)
}

// Balance reads: a GET changes nothing.
func (c *Client) Balance(ctx context.Context, account string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+"/v1/balances/"+account, nil)
	if err != nil {
		return err
	}
	return c.do(req)
}

// Refund puts its request through two helpers.
func (c *Client) Refund(ctx context.Context, account string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.Base+"/v1/refunds/"+account, nil)
	if err != nil {
		return err
	}
	return c.send(req)
}

func (c *Client) send(req *http.Request) error {
	req.Header.Set("Accept", "application/json")
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

// Notify builds its request in newRequest and sends it with do.
func (c *Client) Notify(ctx context.Context, text string) error {
	req, err := c.newRequest(ctx, text)
	if err != nil {
		return err
	}
	return c.do(req)
}

// NotifyKeyed is Notify with an Idempotency-Key set on the built request.
func (c *Client) NotifyKeyed(ctx context.Context, key, text string) error {
	req, err := c.newRequest(ctx, text)
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", key)
	return c.do(req)
}

func (c *Client) newRequest(ctx context.Context, text string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/v1/messages", bytes.NewReader([]byte(text)))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}
