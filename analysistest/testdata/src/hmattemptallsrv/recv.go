// want package:"sends X-Delivery-Id/attempt"
// Package hmattemptallsrv receives hmattemptall's deliveries: no sent header is a
// stable id, so the advice names none.
package hmattemptallsrv

import (
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"hmattemptall"
)

var rdb *redis.Client

var _ = hmattemptall.Deliver

func claim(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // want `they set "X-Delivery-Id"\): .*; key it on an id the sender sets once per event`
	rdb.SetNX(r.Context(), "idem:"+key, 1, time.Hour)
}
