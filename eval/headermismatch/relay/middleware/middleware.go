// Package middleware holds net/http middleware shared by our services.
package middleware

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"

	"example.com/hmcorpus/internal/dedup"
)

type ctxKey int

const requestIDKey ctxKey = iota

// RequestID propagates X-Request-Id for tracing, minting one when absent.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rid := r.Header.Get("X-Request-Id")
		if rid == "" {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			rid = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", rid)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, rid)))
	})
}

func RequestIDFrom(ctx context.Context) string {
	s, _ := ctx.Value(requestIDKey).(string)
	return s
}

// AccessLog logs one line per request.
func AccessLog(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			next.ServeHTTP(w, r)
			log.Info("request", "method", r.Method, "path", r.URL.Path,
				"request_id", r.Header["X-Request-Id"],
				"idempotency_key", r.Header.Get("Idempotency-Key"),
				"event_id", r.Header.Get("X-Event-Id"),
				"took", time.Since(start))
		})
	}
}

// Idempotency replays nothing; it only refuses a second POST with the same
// Idempotency-Key (the header of our public API, sent by external clients).
func Idempotency(claims *dedup.Store) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost {
				next.ServeHTTP(w, r)
				return
			}
			key := r.Header.Get("Idempotency-Key")
			if key == "" {
				next.ServeHTTP(w, r)
				return
			}
			ok, err := claims.Claim(r.Context(), "idem:"+r.URL.Path+":"+key)
			if err != nil {
				http.Error(w, err.Error(), http.StatusServiceUnavailable)
				return
			}
			if !ok {
				http.Error(w, "duplicate request", http.StatusConflict)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// Dedup drops a request whose header value was already claimed.
func Dedup(claims *dedup.Store, header string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			v := r.Header.Get(header)
			if v == "" {
				next.ServeHTTP(w, r)
				return
			}
			ok, err := claims.Claim(r.Context(), "dedup:"+header+":"+v)
			if err != nil || !ok {
				w.WriteHeader(http.StatusOK)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
