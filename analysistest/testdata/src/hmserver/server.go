// want package:"sends X-Event-Id X-Idempotency-Key"
// Package hmserver is the payments service; it imports its client for the types,
// so the client's sent headers reach it as facts.
package hmserver

import (
	"net/http"

	"hmclient"
)

type Server struct{ peer *hmclient.Client }

func use(...any) {}

func (s *Server) charge(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get("Idempotency-Key")) // want `header "Idempotency-Key" is read but this module's senders set "X-Idempotency-Key" \(in hmclient\): the names differ`
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get("X-Event-Ids")) // want `header "X-Event-Ids" is read but this module's senders set "X-Event-Id"`
}

func (s *Server) typo(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get("X-Idempotancy-Key")) // want `header "X-Idempotancy-Key" is read but this module's senders set "X-Idempotency-Key"`
}

// The IETF's Idempotency-Key in a canonical index, only logged: a near miss of
// what the client really sends, so reported (a constants package alone would not be).
func (s *Server) chargeIndex(w http.ResponseWriter, r *http.Request) {
	use(r.Header["Idempotency-Key"]) // want `header "Idempotency-Key" is read but this module's senders set "X-Idempotency-Key" \(in hmclient\)`
}

// Not reported: the same header in another case, unrelated headers.

func (s *Server) chargeOK(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get("x-idempotency-key"))
}

func (s *Server) other(w http.ResponseWriter, r *http.Request) {
	use(r.Header.Get("X-User-Id"), r.Header.Get("X-Trace-Id"), r.Header.Get("X-Event-Type"))
}
