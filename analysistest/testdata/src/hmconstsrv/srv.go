// want package:"sends"
// Package hmconstsrv reads headers next to the shared constants package, which
// declares X-Idempotency-Key and X-Event-Id; no sender of them is visible here. A
// declaration alone is weak evidence: a near miss of it is reported only for a
// dedup key, and never for a header real senders set on their own.
package hmconstsrv

import (
	"log"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"hmconsts"
)

var rdb *redis.Client

func use(...any) {}

// Near miss of a declared name, used as the dedup key: reported.
func claimNear(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("Event-Id") // want `header "Event-Id" is read but this module declares "X-Event-Id" \(in hmconsts\)`
	rdb.SetNX(r.Context(), "evt:"+id, 1, time.Hour)
}

// The same read, only logged: not a dedup key, not reported.
func logNear(w http.ResponseWriter, r *http.Request) {
	log.Printf("event %s", r.Header.Get("Event-Id"))
	rdb.SetNX(r.Context(), "evt:"+r.Header.Get(hmconsts.EventIDHeader), 1, time.Hour)
}

// A typo of the declared name in a canonical index, used as the dedup key: reported.
func indexNear(w http.ResponseWriter, r *http.Request) {
	keys := r.Header["X-Idempotancy-Key"] // want `header "X-Idempotancy-Key" is read but this module declares "X-Idempotency-Key"`
	if len(keys) > 0 {
		rdb.SetNX(r.Context(), "idem:"+keys[0], 1, time.Hour)
	}
}

// The IETF's Idempotency-Key, canonical index, as the dedup key: public clients
// send it whatever the module declares; not reported.
func indexStandard(w http.ResponseWriter, r *http.Request) {
	keys := r.Header["Idempotency-Key"]
	if len(keys) > 0 {
		rdb.SetNX(r.Context(), "idem:"+keys[0], 1, time.Hour)
	}
}

// The same through Header.Get: not reported.
func getStandard(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Idempotency-Key")
	rdb.SetNX(r.Context(), "idem:"+key, 1, time.Hour)
}

// Logged only (the declared name is read too): not reported.
func handle(w http.ResponseWriter, r *http.Request) {
	ev := r.Header.Get(hmconsts.EventIDHeader)
	key := r.Header.Get("Idempotency-Key")
	use(ev, key)
}

func handleOK(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get(hmconsts.IdempotencyKeyHeader), r.Header.Get("x-event-id"))
}
