// Package ttlfactory gives middleware factories of another package the TTL their
// handlers claim with.
package ttlfactory

import (
	"net/http"
	"time"

	"ttlfactory/mw"

	"github.com/redis/go-redis/v9"
)

func routes(rdb *redis.Client, h http.Handler, retention time.Duration) {
	// positive: two hours, captured by the handler the factory returns.
	http.Handle("/a", mw.Claim(rdb, 2*time.Hour)(h)) // want `dedup marker "idem:"\+r.Header.Get\("Idempotency-Key"\) \(in Claim\) expires after 2h0m0s`
	// negative twin: two days.
	http.Handle("/b", mw.Claim(rdb, 48*time.Hour)(h))
	// negative twin: configuration.
	http.Handle("/c", mw.Claim(rdb, retention)(h))
	// negative: the in-flight claim is replaced by the week-long response.
	http.Handle("/d", mw.InFlight(rdb, 2*time.Hour)(h))
	// negative: the handler assigns the captured TTL itself.
	http.Handle("/e", mw.Reassigned(rdb, 2*time.Hour))
	// negative: a cache for a minute.
	http.Handle("/f", mw.Cache(rdb, time.Minute))
	// positive: a factory of this package.
	http.Handle("/g", local(rdb, 10*time.Minute)) // want `dedup marker "evt:"\+r.Header.Get\("X-Event-Id"\) \(in local\) expires after 10m0s`
}

func local(rdb *redis.Client, ttl time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rdb.SetNX(r.Context(), "evt:"+r.Header.Get("X-Event-Id"), 1, ttl)
	}
}
