// Package hmfactory is a middleware package: its factories take the header name
// and return a closure that reads it, so the name is checked where the factory is
// called, here or in another package (through facts).
package hmfactory

import (
	"log"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
)

// Dedup drops a request whose header value was already claimed.
func Dedup(rdb *redis.Client, header string) func(http.Handler) http.Handler { // want Dedup:"headers wrapper"
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			v := r.Header.Get(header)
			if ok, _ := rdb.SetNX(r.Context(), "dedup:"+header+":"+v, 1, time.Hour).Result(); !ok {
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// DedupFunc is the same as an http.HandlerFunc.
func DedupFunc(rdb *redis.Client, header string, next http.HandlerFunc) http.HandlerFunc { // want DedupFunc:"headers wrapper"
	return func(w http.ResponseWriter, r *http.Request) {
		if rdb.Exists(r.Context(), "seen:"+r.Header.Get(header)).Val() > 0 {
			return
		}
		next(w, r)
	}
}

// DedupIndex reads the header by index: the name must be canonical.
func DedupIndex(rdb *redis.Client, header string) func(http.Handler) http.Handler { // want DedupIndex:"headers wrapper"
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if vals := r.Header[header]; len(vals) > 0 {
				rdb.SetNX(r.Context(), "dedup:"+vals[0], 1, time.Hour)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// GinDedup is a gin middleware factory.
func GinDedup(rdb *redis.Client, header string) gin.HandlerFunc { // want GinDedup:"headers wrapper"
	return func(c *gin.Context) {
		rdb.SetNX(c.Request.Context(), "dedup:"+c.GetHeader(header), 1, time.Hour)
	}
}

// LogHeader only logs the header: its value is no dedup key.
func LogHeader(header string) func(http.Handler) http.Handler { // want LogHeader:"headers wrapper"
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			log.Printf("%s=%s", header, r.Header.Get(header))
			next.ServeHTTP(w, r)
		})
	}
}

// Not a factory: the closure reads a header named by its own parameter.
func lookup(r *http.Request) func(string) string {
	return func(name string) string { return r.Header.Get(name) }
}

// Calls in the factories' own package.
func routes(rdb *redis.Client, mux *http.ServeMux, h http.Handler) {
	mux.Handle("/a", Dedup(rdb, "X_Event_Id")(h)) // want `header name "X_Event_Id" contains an underscore`
	mux.Handle("/b", Dedup(rdb, "X-Event-Id")(h))
	get := lookup(nil)
	println(get("x-event-id"))
}
