package webhooks

import (
	"errors"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

// Idempotency returns a middleware that lets the first delivery carrying a
// given header value through and answers later ones with 200.
func Idempotency(rdb redis.Cmdable, header string, retention time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get(header)
			if key == "" {
				http.Error(w, "missing "+header, http.StatusBadRequest)
				return
			}
			err := rdb.SetArgs(r.Context(), "webhook:dedup:"+key, 1, redis.SetArgs{Mode: "NX", TTL: retention}).Err()
			if errors.Is(err, redis.Nil) {
				w.WriteHeader(http.StatusOK)
				return
			}
			if err != nil {
				http.Error(w, err.Error(), http.StatusServiceUnavailable)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
