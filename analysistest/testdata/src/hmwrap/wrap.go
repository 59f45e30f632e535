// Package hmwrap reads headers through helpers: the finding follows the value
// from the helper to the dedup in its caller.
package hmwrap

import (
	"net/http"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

var rdb *redis.Client

// IdempotencyKey returns the client's key.
func IdempotencyKey(r *http.Request) string { // want IdempotencyKey:"headers wrapper"
	return r.Header.Get("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key", which GitHub never sends`
}

// Header returns a trimmed request header.
func Header(r *http.Request, name string) string { // want Header:"headers wrapper"
	return strings.TrimSpace(r.Header.Get(name))
}

// SetHeader sets a header on an outgoing request.
func SetHeader(req *http.Request, name, value string) { // want SetHeader:"headers wrapper"
	req.Header.Set(name, value)
}

func githubHook(w http.ResponseWriter, r *http.Request) { // want githubHook:"verifies GitHub"
	if r.Header.Get("X-GitHub-Event") == "" {
		return
	}
	key := IdempotencyKey(r)
	rdb.SetNX(r.Context(), "gh:"+key, 1, time.Hour)
}

func underscoreArg(w http.ResponseWriter, r *http.Request) {
	println(Header(r, "X_Delivery_Id")) // want `header name "X_Delivery_Id" contains an underscore`
}

func githubWrapped(w http.ResponseWriter, r *http.Request) { // want githubWrapped:"verifies GitHub"
	if Header(r, "X-Hub-Signature-256") == "" {
		return
	}
	rdb.SetNX(r.Context(), "gh:"+Header(r, "X-Request-Id"), 1, time.Hour) // want `"X-Request-Id", which GitHub never sends`
}

// Not reported: the provider's header through the helper.
func githubWrappedOK(w http.ResponseWriter, r *http.Request) { // want githubWrappedOK:"verifies GitHub"
	rdb.SetNX(r.Context(), "gh:"+Header(r, "X-GitHub-Delivery"), 1, time.Hour)
}
