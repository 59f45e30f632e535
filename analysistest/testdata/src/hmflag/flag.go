// Package hmflag has no senders of its own: -headermismatch.sent=X-Event-Id says
// what the upstream provider sends.
package hmflag

import (
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

var rdb *redis.Client

func receive(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key", which no sender in this module sets \(they set "X-Event-Id"\)`
	rdb.SetNX(r.Context(), "k:"+key, 1, time.Hour)
}

func near(w http.ResponseWriter, r *http.Request) {
	println(r.Header.Get("Event-Id")) // want `header "Event-Id" is read but this module's senders set "X-Event-Id" \(-headermismatch.sent\)`
}

func receiveOK(w http.ResponseWriter, r *http.Request) {
	rdb.SetNX(r.Context(), "k:"+r.Header.Get("X-Event-Id"), 1, time.Hour)
}
