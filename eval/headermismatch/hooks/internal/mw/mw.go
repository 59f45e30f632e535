// Package mw has the HTTP middleware shared by the relay and its consumers.
package mw

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"example.com/hooks/internal/dedup"
)

// Dedup drops a request whose header value was already claimed. Requests
// without the header are rejected: we cannot tell a retry from a new event.
func Dedup(store *dedup.Redis, header string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get(header)
			if key == "" {
				http.Error(w, "missing "+header, http.StatusBadRequest)
				return
			}
			first, err := store.Claim(r.Context(), key)
			if err != nil {
				http.Error(w, "dedup unavailable", http.StatusServiceUnavailable)
				return
			}
			if !first {
				w.WriteHeader(http.StatusOK) // already processed: ack so the sender stops
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// GinDedup is Dedup for gin routes.
func GinDedup(store *dedup.Redis, header string) gin.HandlerFunc {
	return func(c *gin.Context) {
		key := c.GetHeader(header)
		if key == "" {
			c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": "missing " + header})
			return
		}
		first, err := store.Claim(c.Request.Context(), key)
		if err != nil {
			c.AbortWithStatus(http.StatusServiceUnavailable)
			return
		}
		if !first {
			c.AbortWithStatus(http.StatusOK)
			return
		}
		c.Next()
	}
}

// SingleValued rejects a request that carries header more than once; a
// proxy that appends instead of replacing has bitten us before.
func SingleValued(header string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if vals := r.Header[header]; len(vals) > 1 {
				http.Error(w, header+" sent more than once", http.StatusBadRequest)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// AccessLog logs every request with the value of one correlation header.
func AccessLog(log *slog.Logger, header string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			next.ServeHTTP(w, r)
			log.Info("request", "method", r.Method, "path", r.URL.Path,
				"correlation", r.Header.Get(header), "took", time.Since(start))
		})
	}
}
