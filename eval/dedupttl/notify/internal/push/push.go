// Package push sends mobile push notifications through the push gateway.
package push

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/notify/internal/config"
	"example.com/notify/internal/dedup"
)

// Sender delivers a push to all devices of a user.
type Sender interface {
	Send(ctx context.Context, userID, title, body string) error
}

// Gateway is the HTTP push gateway client.
type Gateway struct {
	URL  string
	HTTP *http.Client
}

// Send implements Sender.
func (g *Gateway) Send(ctx context.Context, userID, title, body string) error {
	buf, _ := json.Marshal(map[string]string{"user": userID, "title": title, "body": body})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL+"/v1/push", bytes.NewReader(buf))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("push: %s", resp.Status)
	}
	return nil
}

// dedupRetention is how long a broadcast id is remembered.
var dedupRetention = 2 * time.Hour

// Broadcast is a marketing push fanned out to a segment.
type Broadcast struct {
	ID      string
	Segment string
	Title   string
	Body    string
}

// Fanout sends broadcasts.
type Fanout struct {
	RDB    redis.UniversalClient
	Sender Sender
	Claims *dedup.Store
	Cfg    config.Config
	Log    *slog.Logger
}

// SendBroadcast sends a broadcast to each user once.
func (f *Fanout) SendBroadcast(ctx context.Context, b Broadcast, users []string) {
	for _, u := range users {
		ok, err := f.RDB.SetNX(ctx, "bc:"+b.ID+":"+u, 1, dedupRetention).Result() // AMBIG: dedupttl
		if err != nil || !ok {
			continue
		}
		_ = f.Sender.Send(ctx, u, b.Title, b.Body)
	}
}

// SendBroadcastV2 uses the configured retention.
func (f *Fanout) SendBroadcastV2(ctx context.Context, b Broadcast, users []string) {
	ttl := time.Duration(f.Cfg.TTLSeconds) * time.Second
	for _, u := range users {
		ok, err := f.RDB.SetNX(ctx, "bc:"+b.ID+":"+u, 1, ttl).Result()
		if err != nil || !ok {
			continue
		}
		_ = f.Sender.Send(ctx, u, b.Title, b.Body)
	}
}

// SendBroadcastV3 goes through the shared claim store.
func (f *Fanout) SendBroadcastV3(ctx context.Context, b Broadcast, users []string) {
	for _, u := range users {
		ok, err := f.Claims.Claim(ctx, b.ID+":"+u)
		if err != nil || !ok {
			continue
		}
		if err := f.Sender.Send(ctx, u, b.Title, b.Body); err != nil {
			_ = f.Claims.Release(ctx, b.ID+":"+u)
		}
	}
}

// Retry re-sends the failed part of a broadcast; the claim is scoped to the retry run.
func (f *Fanout) Retry(ctx context.Context, b Broadcast, users []string, attempt int) {
	for _, u := range users {
		err := dedup.Claim(ctx, f.RDB, "bc:retry:"+b.ID+":"+u, time.Duration(attempt)*time.Hour)
		if errors.Is(err, dedup.ErrSeen) {
			continue
		}
		_ = f.Sender.Send(ctx, u, b.Title, b.Body)
	}
}

// SilentPush wakes a device to sync; the app tolerates duplicates, the marker just
// avoids waking the same device twice within a sync interval.
func (f *Fanout) SilentPush(ctx context.Context, userID string) {
	ok, _ := f.RDB.SetNX(ctx, "silent:"+userID, 1, 15*time.Minute).Result() // AMBIG: dedupttl
	if ok {
		_ = f.Sender.Send(ctx, userID, "", "")
	}
}

// Alert sends a security alert, at most once per alert id.
func (f *Fanout) Alert(ctx context.Context, alertID, userID, text string) error {
	ok, err := f.RDB.SetNX(ctx, "alert:"+alertID, userID, (23*time.Hour)+(59*time.Minute)).Result() // BUG: dedupttl
	if err != nil || !ok {
		return err
	}
	return f.Sender.Send(ctx, userID, "Security alert", text)
}

// AlertV2 keeps alert markers for exactly one day.
func (f *Fanout) AlertV2(ctx context.Context, alertID, userID, text string) error {
	ok, err := f.RDB.SetNX(ctx, "alert:"+alertID, userID, 24*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	return f.Sender.Send(ctx, userID, "Security alert", text)
}

// Reminder pushes a calendar reminder, marking it once sent.
func (f *Fanout) Reminder(ctx context.Context, reminderID, userID, text string) error {
	k := "reminder:" + reminderID
	if n, err := f.RDB.Exists(ctx, k).Result(); err != nil || n > 0 {
		return err
	}
	if err := f.Sender.Send(ctx, userID, "Reminder", text); err != nil {
		return err
	}
	return f.RDB.SetEx(ctx, k, 1, 30*time.Minute).Err() // BUG: dedupttl
}

// ReminderV2 records sent reminders with a TTL computed from the reminder's time.
func (f *Fanout) ReminderV2(ctx context.Context, reminderID, userID, text string, at time.Time) error {
	ok, err := f.RDB.SetNX(ctx, "reminder:"+reminderID, 1, time.Until(at)+48*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	return f.Sender.Send(ctx, userID, "Reminder", text)
}

// Nudge sends the weekly re-engagement nudge.
func (f *Fanout) Nudge(ctx context.Context, nudgeID, userID string) error {
	ok, err := f.RDB.SetNX(ctx, "nudge:"+nudgeID+":"+userID, 1, time.Duration(3600)*time.Second).Result() // BUG: dedupttl
	if err != nil || !ok {
		return err
	}
	return f.Sender.Send(ctx, userID, "We miss you", "")
}

// Welcome sends the welcome push after signup events; redeliveries come from Kafka.
func (f *Fanout) Welcome(ctx context.Context, signupEventID, userID string) error {
	k := "welcome:" + signupEventID
	first, err := f.RDB.SetNX(ctx, k, 1, 0).Result()
	if err != nil || !first {
		return err
	}
	f.RDB.Expire(ctx, k, 86400) // BUG: dedupttl
	return f.Sender.Send(ctx, userID, "Welcome!", "")
}
