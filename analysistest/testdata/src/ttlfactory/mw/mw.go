// Package mw has middleware factories whose handlers claim a request's key for
// as long as the factory's caller says.
package mw

import (
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

// Claim replays nothing: it claims the Idempotency-Key for retention.
func Claim(rdb *redis.Client, retention time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			k := "idem:" + r.Header.Get("Idempotency-Key")
			if err := rdb.SetArgs(r.Context(), k, "pending", redis.SetArgs{Mode: "NX", TTL: retention}).Err(); err != nil {
				return
			}
			next.ServeHTTP(w, r)
			rdb.SetArgs(r.Context(), k, "done", redis.SetArgs{Mode: "XX", KeepTTL: true})
		})
	}
}

// InFlight claims for retention while the request runs, then stores the
// response for a week: the week counts.
func InFlight(rdb *redis.Client, retention time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			k := "idem:" + r.Header.Get("Idempotency-Key")
			if !rdb.SetNX(r.Context(), k, "pending", retention).Val() {
				return
			}
			next.ServeHTTP(w, r)
			rdb.Set(r.Context(), k, "done", 7*24*time.Hour)
		})
	}
}

// Reassigned changes the captured TTL inside the handler: not the caller's.
func Reassigned(rdb *redis.Client, retention time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("long") != "" {
			retention = 72 * time.Hour
		}
		rdb.SetNX(r.Context(), "idem:"+r.Header.Get("Idempotency-Key"), 1, retention)
	}
}

// Cache caches a page for ttl: not a marker.
func Cache(rdb *redis.Client, ttl time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rdb.Set(r.Context(), "page:"+r.URL.Path, "body", ttl)
	}
}
