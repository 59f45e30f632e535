// want package:"sends X-Delivery-Id/attempt X-Event-Id X-Message-Id/attempt X-Msg-Id/attempt X-Request-Id/attempt X-Webhook-Delivery-Id/attempt"
// Package hmattempt delivers events at least once. The event id is the same on
// every attempt; the other ids are visibly built per attempt, so they are not
// what a receiver should dedup on.
package hmattempt

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"hmretry"
	"hmuuid"
)

type Event struct{ ID string }

// Deliver retries in a loop.
func Deliver(ctx context.Context, url string, ev Event) error {
	var last error
	for attempt := 0; attempt < 5; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		if err != nil {
			return err
		}
		req.Header.Set("X-Delivery-Id", fmt.Sprintf("%s-%d", ev.ID, attempt))        // the attempt counter
		req.Header.Set("X-Message-Id", strconv.FormatInt(time.Now().UnixNano(), 10)) // time.Now in the loop
		req.Header.Set("X-Request-Id", hmuuid.NewString())                           // a fresh id in the loop
		req.Header.Set("X-Event-Id", ev.ID)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		last = err
	}
	return last
}

// post is one attempt; the caller counts them.
func post(ctx context.Context, url string, ev Event, attempt int) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Webhook-Delivery-Id", ev.ID+"/"+strconv.Itoa(attempt))
	_, err = http.DefaultClient.Do(req)
	return err
}

// Relay retries through a retry helper: its closure is one attempt.
func Relay(ctx context.Context, url string, ev Event) error {
	return hmretry.Do(func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		if err != nil {
			return err
		}
		req.Header.Set("X-Msg-Id", hmuuid.NewString())
		_, err = http.DefaultClient.Do(req)
		return err
	})
}
