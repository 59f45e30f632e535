package mkhttp

import (
	"database/sql"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

// relay's handlers claim through a method of their own type: the claim helper is
// a sibling of the handlers that call it, and its claim protects each of them.
type relay struct {
	rdb redis.Cmdable
	db  *sql.DB
}

func (h *relay) routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /hooks/relay/confirmed", h.confirmed)
	mux.HandleFunc("POST /hooks/relay/shipped", h.shipped)
	mux.HandleFunc("POST /hooks/relay/returned", h.returned)
}

// claim claims a forwarded delivery; false means it was handled before.
func (h *relay) claim(r *http.Request, id string) bool {
	ok, err := h.rdb.SetNX(r.Context(), "hook:evt:"+id, 1, 24*time.Hour).Result()
	return err == nil && ok
}

func (h *relay) record(id string) {
	h.db.Exec("INSERT INTO relay_events (id) VALUES ($1)", id)
}

func (h *relay) confirmed(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Event-Id")
	if !h.claim(r, id) {
		return
	}
	h.record(id)
}

func (h *relay) shipped(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Event-Id")
	if !h.claim(r, id) {
		return
	}
	h.record(id)
}

// returned is shipped without the claim.
func (h *relay) returned(w http.ResponseWriter, r *http.Request) {
	h.db.Exec("INSERT INTO relay_events (id) VALUES ($1)", r.Header.Get("X-Event-Id")) // want `webhook handler inserts into relay_events with no dedup claim`
}
