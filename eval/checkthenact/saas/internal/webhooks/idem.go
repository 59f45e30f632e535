package webhooks

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/redis/go-redis/v9"
)

type storedResponse struct {
	Status int    `json:"status"`
	Body   []byte `json:"body"`
}

// Idempotency replays the stored response of a repeated Idempotency-Key (public API).
func Idempotency(rdb *redis.Client, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" || r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		k := "idem:" + key
		raw, err := rdb.Get(ctx, k).Bytes()
		if err == nil {
			var sr storedResponse
			if json.Unmarshal(raw, &sr) == nil {
				w.WriteHeader(sr.Status)
				_, _ = w.Write(sr.Body)
				return
			}
		} else if !errors.Is(err, redis.Nil) {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		out, _ := json.Marshal(storedResponse{Status: rec.Code, Body: rec.Body.Bytes()})
		rdb.SetArgs(ctx, k, out, redis.SetArgs{TTL: 24 * time.Hour}) // BUG: checkthenact
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

const inFlight = "in-flight"

// IdempotencyV2 claims the key with SET NX before running the handler, then replaces
// the placeholder with the response.
func IdempotencyV2(rdb redis.UniversalClient, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		k := "idem:" + key
		raw, err := rdb.Get(ctx, k).Bytes()
		switch {
		case err == nil && string(raw) == inFlight:
			http.Error(w, "request in progress", http.StatusConflict)
			return
		case err == nil:
			var sr storedResponse
			_ = json.Unmarshal(raw, &sr)
			w.WriteHeader(sr.Status)
			_, _ = w.Write(sr.Body)
			return
		case !errors.Is(err, redis.Nil):
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		claimed, err := rdb.SetArgs(ctx, k, inFlight, redis.SetArgs{Mode: "NX", TTL: time.Minute}).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if claimed != "OK" {
			http.Error(w, "request in progress", http.StatusConflict)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		out, _ := json.Marshal(storedResponse{Status: rec.Code, Body: rec.Body.Bytes()})
		rdb.Set(ctx, k, out, 24*time.Hour)
		w.WriteHeader(rec.Code)
		_, _ = bytes.NewReader(rec.Body.Bytes()).WriteTo(w)
	})
}
