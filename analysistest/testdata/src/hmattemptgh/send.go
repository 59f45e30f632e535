// want package:"sends X-Acme-Message-Id X-Event-Id X-GitHub-Delivery"
// Package hmattemptgh replays GitHub deliveries to internal consumers.
package hmattemptgh

import (
	"context"
	"net/http"
)

func Replay(ctx context.Context, url, delivery, event, msg string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Acme-Message-Id", msg)
	req.Header.Set("X-Event-Id", event)
	req.Header.Set("X-GitHub-Delivery", delivery)
	_, err = http.DefaultClient.Do(req)
	return err
}
