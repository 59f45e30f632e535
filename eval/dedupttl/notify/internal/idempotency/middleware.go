// Package idempotency makes the notify API's POST endpoints safe to retry.
package idempotency

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/redis/go-redis/v9"
)

type saved struct {
	Status int    `json:"status"`
	Body   []byte `json:"body"`
}

// Middleware replays the stored response for a repeated Idempotency-Key.
func Middleware(rdb redis.UniversalClient, retention time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get("Idempotency-Key")
			if key == "" || r.Method != http.MethodPost {
				next.ServeHTTP(w, r)
				return
			}
			ctx := r.Context()
			k := "idem:api:" + key
			err := rdb.SetArgs(ctx, k, "pending", redis.SetArgs{Mode: "NX", TTL: retention}).Err()
			if errors.Is(err, redis.Nil) {
				replay(w, rdb.Get(ctx, k).Val())
				return
			}
			if err != nil {
				http.Error(w, "unavailable", http.StatusServiceUnavailable)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			out, _ := json.Marshal(saved{Status: rec.Code, Body: rec.Body.Bytes()})
			rdb.SetArgs(ctx, k, out, redis.SetArgs{Mode: "XX", KeepTTL: true})
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		})
	}
}

// Strict is the Middleware of the public v1 API, with the retention its docs promise.
func Strict(rdb redis.UniversalClient) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get("Idempotency-Key")
			if key == "" {
				http.Error(w, "Idempotency-Key required", http.StatusBadRequest)
				return
			}
			ctx := r.Context()
			k := "idem:v1:" + key
			ok, err := rdb.SetNX(ctx, k, "pending", 24*time.Hour).Result()
			if err != nil {
				http.Error(w, "unavailable", http.StatusServiceUnavailable)
				return
			}
			if !ok {
				replay(w, rdb.Get(ctx, k).Val())
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			out, _ := json.Marshal(saved{Status: rec.Code, Body: rec.Body.Bytes()})
			rdb.Set(ctx, k, out, redis.KeepTTL)
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		})
	}
}

// Internal is used by service-to-service calls, whose clients give up after 30 seconds.
func Internal(rdb redis.UniversalClient) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get("X-Idempotency-Key")
			if key == "" {
				next.ServeHTTP(w, r)
				return
			}
			ctx := r.Context()
			k := "idem:int:" + key
			ok, err := rdb.SetNX(ctx, k, "pending", 10*time.Minute).Result() // AMBIG: dedupttl
			if err != nil || !ok {
				http.Error(w, "duplicate", http.StatusConflict)
				return
			}
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		})
	}
}

func replay(w http.ResponseWriter, raw string) {
	var s saved
	if raw == "" || raw == "pending" || json.Unmarshal([]byte(raw), &s) != nil {
		http.Error(w, "request in progress", http.StatusConflict)
		return
	}
	w.WriteHeader(s.Status)
	_, _ = w.Write(s.Body)
}
