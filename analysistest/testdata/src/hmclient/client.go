// want package:"sends X-Event-Id X-Idempotency-Key"
// Package hmclient is a payments client: the sender side of hmserver.
package hmclient

import (
	"context"
	"net/http"

	"github.com/go-resty/resty/v2"
)

// Client calls the payments service.
type Client struct {
	base  string
	http  *http.Client
	resty *resty.Client
}

// Charge sends an idempotent charge.
func (c *Client) Charge(ctx context.Context, key string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/charge", nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Idempotency-Key", key)
	_, err = c.http.Do(req)
	return err
}

// Notify sends an event with resty.
func (c *Client) Notify(ctx context.Context, eventID string) error {
	_, err := c.resty.R().SetContext(ctx).
		SetHeaders(map[string]string{"X-Event-Id": eventID, "Content-Type": "application/json"}).
		Post(c.base + "/events")
	return err
}
