package webhooks

import (
	"bytes"
	"errors"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (r *recorder) WriteHeader(code int) { r.status = code; r.ResponseWriter.WriteHeader(code) }
func (r *recorder) Write(p []byte) (int, error) {
	r.buf.Write(p)
	return r.ResponseWriter.Write(p)
}

// Idempotency replays the stored response for a repeated Idempotency-Key.
// The lookup and the store are two round trips with the handler in between.
func Idempotency(rdb redis.UniversalClient, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		idem := r.Header.Get("Idempotency-Key")
		if idem == "" || r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		key := "idem:" + r.URL.Path + ":" + idem
		cached, err := rdb.Get(ctx, key).Bytes()
		if err == nil {
			w.Header().Set("Idempotent-Replayed", "true")
			_, _ = w.Write(cached)
			return
		}
		if !errors.Is(err, redis.Nil) {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if rec.status < 500 {
			rdb.Set(ctx, key, rec.buf.Bytes(), 24*time.Hour) // BUG: checkthenact
		}
	})
}

// IdempotencyNX reserves the key with SET NX first; concurrent duplicates get 409.
func IdempotencyNX(rdb redis.UniversalClient, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		idem := r.Header.Get("Idempotency-Key")
		if idem == "" {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		key := "idem:" + r.URL.Path + ":" + idem
		ok, err := rdb.SetNX(ctx, key, "", 24*time.Hour).Result()
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if !ok {
			cached, _ := rdb.Get(ctx, key).Bytes()
			if len(cached) == 0 {
				http.Error(w, "in progress", http.StatusConflict)
				return
			}
			_, _ = w.Write(cached)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		rdb.Set(ctx, key, rec.buf.Bytes(), 24*time.Hour)
	})
}
