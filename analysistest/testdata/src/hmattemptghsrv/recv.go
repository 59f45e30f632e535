// want package:"sends X-Acme-Message-Id X-Event-Id X-GitHub-Delivery"
// Package hmattemptghsrv consumes hmattemptgh's replays: the advice is the
// provider's documented delivery id, then the event id, then the rest.
package hmattemptghsrv

import (
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"hmattemptgh"
)

var rdb *redis.Client

var _ = hmattemptgh.Replay

func claim(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key") // want `they set "X-GitHub-Delivery", "X-Event-Id", "X-Acme-Message-Id"\): .*; key it on "X-GitHub-Delivery"$`
	rdb.SetNX(r.Context(), "idem:"+key, 1, time.Hour)
}
