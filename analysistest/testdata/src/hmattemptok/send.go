// want package:"sends X-Delivery-Id X-Event-Id X-Message-Id X-Request-Id/attempt"
// Package hmattemptok builds its delivery id once per event (before the retry
// loop), and indexes a batch with a range index: both are stable across retries.
package hmattemptok

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"hmuuid"
)

type Event struct{ ID string }

func Deliver(ctx context.Context, url string, ev Event) error {
	stamp := strconv.FormatInt(time.Now().UnixNano(), 10) // once per event
	var last error
	for attempt := 0; attempt < 5; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		if err != nil {
			return err
		}
		req.Header.Set("X-Delivery-Id", ev.ID+"-"+stamp)
		req.Header.Set("X-Message-Id", ev.ID)
		req.Header.Set("X-Request-Id", hmuuid.NewString())
		if _, err = http.DefaultClient.Do(req); err == nil {
			return nil
		}
		last = err
	}
	return last
}

// Batch posts each event of a batch once: i numbers items, not attempts.
func Batch(ctx context.Context, url, batchID string, evs []Event) {
	for i := range evs {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		req.Header.Set("X-Event-Id", fmt.Sprintf("%s-%d", batchID, i))
		http.DefaultClient.Do(req)
	}
}
