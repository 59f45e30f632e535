// Package notify sends push notifications and emails via the notification gateway.
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"
)

var client = &http.Client{Timeout: 5 * time.Second}

func post(ctx context.Context, path string, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, os.Getenv("NOTIFY_URL")+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("notify %s: status %d", path, resp.StatusCode)
	}
	return nil
}

// Push sends a push notification to a user's devices.
func Push(ctx context.Context, userID, msg string) error {
	return post(ctx, "/push", map[string]string{"user_id": userID, "message": msg})
}

// Email sends a templated email.
func Email(ctx context.Context, to, template string, data map[string]any) error {
	return post(ctx, "/email", map[string]any{"to": to, "template": template, "data": data})
}
