// Package relay forwards notifications to the notification gateway of the region.
package relay

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
)

type Notification struct {
	ID      string
	Region  string
	Payload []byte
}

type Relay struct {
	hc    *http.Client
	base  string
	token string
}

func New(hc *http.Client, base, token string) *Relay { return &Relay{hc: hc, base: base, token: token} }

func (r *Relay) Forward(ctx context.Context, n Notification) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.base+"/notify", bytes.NewReader(n.Payload))
	if err != nil {
		return err
	}
	req.Header = http.Header{
		"Content-Type":  {"application/octet-stream"},
		"Authorization": {"Bearer " + r.token},
	}
	req.Header.Add("X-Region", n.Region)
	// Some regional gateways still run an old proxy that matches header names
	// case-sensitively in lower case.
	req.Header["x-event-id"] = []string{n.ID}
	resp, err := r.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("relay %s: %s (request %s)", n.ID, resp.Status, resp.Header["X-Request-Id"])
	}
	return nil
}
