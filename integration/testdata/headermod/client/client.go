// Package client is the sender: it calls the services below with an idempotency
// key over HTTP and an event id over gRPC metadata.
package client

import (
	"context"
	"net/http"

	"google.golang.org/grpc/metadata"
)

// Charge posts a charge with the caller's idempotency key.
func Charge(ctx context.Context, url, key string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Idempotency-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// WithEvent puts the event id into outgoing gRPC metadata.
func WithEvent(ctx context.Context, eventID string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "x-event-id", eventID)
}
