// want package:"sends X-Delivery-Id/attempt"
// Package hmattemptall sends only a per-attempt id.
package hmattemptall

import (
	"context"
	"fmt"
	"net/http"
)

func Deliver(ctx context.Context, url, id string) {
	for try := 1; ; try++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
		req.Header.Set("X-Delivery-Id", fmt.Sprint(id, ".", try))
		if _, err := http.DefaultClient.Do(req); err == nil {
			return
		}
	}
}
