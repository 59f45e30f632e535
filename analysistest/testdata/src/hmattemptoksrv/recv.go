// want package:"sends X-Delivery-Id X-Event-Id X-Message-Id X-Request-Id/attempt"
// Package hmattemptoksrv receives hmattemptok's deliveries: every id but the
// request id is stable, so the advice is the first of the event/delivery family.
package hmattemptoksrv

import (
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"hmattemptok"
)

var rdb *redis.Client

var _ = hmattemptok.Deliver

func claim(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // want `they set "X-Delivery-Id", "X-Event-Id", "X-Message-Id"\): .*; key it on "X-Delivery-Id"$`
	rdb.SetNX(r.Context(), "idem:"+key, 1, time.Hour)
}
