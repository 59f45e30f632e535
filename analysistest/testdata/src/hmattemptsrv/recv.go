// want package:"sends X-Delivery-Id/attempt X-Event-Id X-Message-Id/attempt X-Msg-Id/attempt X-Request-Id/attempt X-Webhook-Delivery-Id/attempt"
// Package hmattemptsrv receives hmattempt's deliveries: the advice names the event
// id, the one header hmattempt sets once per event, not the first sent name.
package hmattemptsrv

import (
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"hmattempt"
)

var rdb *redis.Client

var _ = hmattempt.Deliver

func claim(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // want `which no sender in this module sets \(they set "X-Event-Id", .*\): .*; key it on "X-Event-Id"$`
	rdb.SetNX(r.Context(), "idem:"+key, 1, time.Hour)
}

func perRequest(w http.ResponseWriter, r *http.Request) {
	rid := r.Header.Get("X-Request-Id") // want `per-request header "X-Request-Id".*: key it on "X-Event-Id"$`
	rdb.SetNX(r.Context(), "req:"+rid, 1, time.Hour)
}

// Not reported: the event id.
func claimOK(w http.ResponseWriter, r *http.Request) {
	rdb.SetNX(r.Context(), "evt:"+r.Header.Get("X-Event-Id"), 1, time.Hour)
}
