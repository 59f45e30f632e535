// Package chiapi is the teams API (chi).
package chiapi

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
)

type InviteAPI struct {
	rdb redis.UniversalClient
}

func NewInviteAPI(rdb redis.UniversalClient) *InviteAPI { return &InviteAPI{rdb: rdb} }

func (a *InviteAPI) Routes() chi.Router {
	r := chi.NewRouter()
	r.Post("/invites/{token}/accept", a.Accept)
	r.Post("/invites/{token}/accept-v2", a.AcceptV2)
	return r
}

// Accept lets an invite token be used once.
func (a *InviteAPI) Accept(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token := chi.URLParam(r, "token")
	key := "invite:used:" + token
	if n, _ := a.rdb.Exists(ctx, key).Result(); n == 1 {
		http.Error(w, "invite already used", http.StatusGone)
		return
	}
	if err := effects.Notify(ctx, "team", "member joined via "+token); err != nil {
		http.Error(w, "notify", http.StatusBadGateway)
		return
	}
	a.rdb.SetArgs(ctx, key, "1", redis.SetArgs{TTL: 30 * 24 * time.Hour}) // BUG: checkthenact
	w.WriteHeader(http.StatusNoContent)
}

// AcceptV2 claims the token with SET NX EX (SetArgs Mode NX).
func (a *InviteAPI) AcceptV2(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token := chi.URLParam(r, "token")
	key := "invite:used:" + token
	err := a.rdb.SetArgs(ctx, key, "1", redis.SetArgs{Mode: "NX", TTL: 30 * 24 * time.Hour}).Err()
	if err == redis.Nil {
		http.Error(w, "invite already used", http.StatusGone)
		return
	}
	if err != nil {
		http.Error(w, "redis", http.StatusServiceUnavailable)
		return
	}
	_ = effects.Notify(ctx, "team", "member joined via "+token)
	w.WriteHeader(http.StatusNoContent)
}
