package chiapi

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/go-redsync/redsync/v4"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
)

type PayoutAPI struct {
	rdb *redis.Client
	rs  *redsync.Redsync
}

func NewPayoutAPI(rdb *redis.Client, rs *redsync.Redsync) *PayoutAPI {
	return &PayoutAPI{rdb: rdb, rs: rs}
}

func (a *PayoutAPI) Routes(r chi.Router) {
	r.Post("/payouts/{payoutID}/send", a.Send)
	r.Post("/payouts/{payoutID}/send-v2", a.SendV2)
}

// Send checks the sent marker and only then takes the lock.
func (a *PayoutAPI) Send(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := chi.URLParam(r, "payoutID")
	cents, _ := strconv.ParseInt(r.URL.Query().Get("cents"), 10, 64)
	key := "payout:sent:" + id
	if a.rdb.Exists(ctx, key).Val() > 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	m := a.rs.NewMutex("lock:payout:" + id)
	if err := m.LockContext(ctx); err != nil {
		http.Error(w, "busy", http.StatusConflict)
		return
	}
	defer m.UnlockContext(ctx)
	if err := effects.SendPayout(ctx, id, cents); err != nil {
		http.Error(w, "payout", http.StatusBadGateway)
		return
	}
	a.rdb.Set(ctx, key, "1", 0) // BUG: checkthenact
	w.WriteHeader(http.StatusCreated)
}

// SendV2 takes the lock first and checks under it.
func (a *PayoutAPI) SendV2(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := chi.URLParam(r, "payoutID")
	cents, _ := strconv.ParseInt(r.URL.Query().Get("cents"), 10, 64)
	key := "payout:sent:" + id
	m := a.rs.NewMutex("lock:payout:" + id)
	if err := m.LockContext(ctx); err != nil {
		http.Error(w, "busy", http.StatusConflict)
		return
	}
	defer m.UnlockContext(ctx)
	if a.rdb.Exists(ctx, key).Val() > 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := effects.SendPayout(ctx, id, cents); err != nil {
		http.Error(w, "payout", http.StatusBadGateway)
		return
	}
	a.rdb.Set(ctx, key, "1", 0)
	w.WriteHeader(http.StatusCreated)
}
