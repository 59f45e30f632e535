// want package:"sends"
// Package hmconstsrv reads headers next to the shared constants package.
package hmconstsrv

import (
	"net/http"

	"hmconsts"
)

func use(...any) {}

func handle(w http.ResponseWriter, r *http.Request) {
	ev := r.Header.Get(hmconsts.EventIDHeader)
	key := r.Header.Get("Idempotency-Key") // want `header "Idempotency-Key" is read but this module declares "X-Idempotency-Key" \(in hmconsts\)`
	use(ev, key)
}

func handleOK(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get(hmconsts.IdempotencyKeyHeader), r.Header.Get("x-event-id"))
}
