// Package notify talks to the notification service (email, push, SMS).
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

type Message struct {
	Template string            `json:"template"`
	To       string            `json:"to"`
	Vars     map[string]string `json:"vars,omitempty"`
}

type Client struct {
	base string
	hc   *http.Client
}

func NewClient(base string) *Client {
	return &Client{base: base, hc: &http.Client{Timeout: 10 * time.Second}}
}

// Send asks the notification service to deliver m.
func (c *Client) Send(ctx context.Context, m Message) error {
	req, err := c.newRequest(ctx, m)
	if err != nil {
		return err
	}
	return c.do(req)
}

// SendKeyed is Send with an Idempotency-Key; the service drops repeats of a key.
func (c *Client) SendKeyed(ctx context.Context, key string, m Message) error {
	req, err := c.newRequest(ctx, m)
	if err != nil {
		return err
	}
	req.Header.Set("Idempotency-Key", key)
	return c.do(req)
}

func (c *Client) newRequest(ctx context.Context, m Message) (*http.Request, error) {
	body, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/v1/messages", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}

func (c *Client) do(req *http.Request) error {
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("notify: %s", resp.Status)
	}
	return nil
}
