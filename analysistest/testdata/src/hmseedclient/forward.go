// Package hmseedclient forwards events to subscribers: the sender side of hmseed.
package hmseedclient

import (
	"bytes"
	"context"
	"net/http"
)

// Event is what the forwarder sends.
type Event struct {
	ID   string
	Body []byte
}

// Forward posts ev to url with its event id; every attempt gets a fresh request id.
func Forward(ctx context.Context, url string, ev Event, requestID string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(ev.Body))
	if err != nil {
		return err
	}
	req.Header.Set("X-Event-Id", ev.ID)
	req.Header.Set("X-Request-Id", requestID)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
