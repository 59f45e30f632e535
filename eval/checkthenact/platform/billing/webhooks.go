// Package billing receives the payment provider's webhooks (chi) and keeps
// subscription state in Redis and Postgres.
package billing

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-redsync/redsync/v4"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
	"example.com/platform/internal/kv"
	"example.com/platform/internal/locks"
)

type Notification struct {
	EventID        string `json:"event_id"`
	Type           string `json:"event_type"`
	SubscriptionID string `json:"subscription_id"`
	CustomerID     string `json:"customer_id"`
	Email          string `json:"email"`
	Cents          int64  `json:"amount_cents"`
}

type Subscription struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Plan   string `json:"plan"`
}

type Webhooks struct {
	kv    *kv.Store
	subs  *kv.Typed[Subscription]
	rs    *redsync.Redsync
	rdb   *redis.Client
	clust *redis.ClusterClient
}

func NewWebhooks(store *kv.Store, rs *redsync.Redsync, rdb *redis.Client, clust *redis.ClusterClient) *Webhooks {
	return &Webhooks{kv: store, subs: kv.NewTyped[Subscription](store, "sub:"), rs: rs, rdb: rdb, clust: clust}
}

func (h *Webhooks) Routes(r chi.Router) {
	r.Post("/billing/webhooks/payment", h.Payment)
	r.Post("/billing/webhooks/payment-v2", h.PaymentV2)
	r.Post("/billing/webhooks/subscription", h.Subscription)
	r.Post("/billing/webhooks/batch", h.Batch)
	r.Post("/billing/webhooks/cluster", h.Cluster)
	r.Post("/billing/webhooks/conn", h.Conn)
}

func decode(r *http.Request) (Notification, error) {
	var n Notification
	err := json.NewDecoder(r.Body).Decode(&n)
	return n, err
}

// Payment dedups through the kv wrapper (Has then Put).
func (h *Webhooks) Payment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	key := "billing:evt:" + n.EventID
	if h.kv.Has(ctx, key) {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := effects.SendEmail(ctx, n.Email, "payment-received"); err != nil {
		http.Error(w, "mail", http.StatusBadGateway)
		return
	}
	_ = h.kv.Put(ctx, key, "1", 7*24*time.Hour) // BUG: checkthenact
	w.WriteHeader(http.StatusOK)
}

// PaymentV2 claims through the wrapper.
func (h *Webhooks) PaymentV2(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	key := "billing:evt:" + n.EventID
	if h.kv.Has(ctx, key) {
		w.WriteHeader(http.StatusOK)
		return
	}
	ok, err := h.kv.PutIfAbsent(ctx, key, "1", 7*24*time.Hour)
	if err != nil || !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	_ = effects.SendEmail(ctx, n.Email, "payment-received")
	w.WriteHeader(http.StatusOK)
}

// Subscription applies a status change under a cluster-wide lock taken by a
// helper; check and write both run inside the locked closure.
func (h *Webhooks) Subscription(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	err = locks.WithLock(ctx, h.rs, "lock:sub:"+n.SubscriptionID, func(ctx context.Context) error {
		key := "billing:evt:" + n.EventID
		if h.kv.Has(ctx, key) {
			return nil
		}
		if err := effects.Notify(ctx, "subs", n.SubscriptionID+" "+n.Type); err != nil {
			return err
		}
		return h.kv.Put(ctx, key, "1", 7*24*time.Hour)
	})
	if err != nil {
		http.Error(w, "busy", http.StatusConflict)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// Batch handles several notifications in one delivery.
func (h *Webhooks) Batch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var batch []Notification
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	for _, n := range batch {
		key := "billing:evt:" + n.EventID
		if h.rdb.Exists(ctx, key).Val() > 0 {
			continue
		}
		if err := effects.ChargeCard(ctx, n.CustomerID, n.Cents); err != nil {
			continue
		}
		h.rdb.Set(ctx, key, "1", 7*24*time.Hour) // BUG: checkthenact
	}
	w.WriteHeader(http.StatusOK)
}

// Cluster is the same dedup against the Redis cluster used in production.
func (h *Webhooks) Cluster(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	key := "{billing}:evt:" + n.EventID
	if _, err := h.clust.Get(ctx, key).Result(); !errors.Is(err, redis.Nil) {
		w.WriteHeader(http.StatusOK)
		return
	}
	_ = effects.ChargeCard(ctx, n.CustomerID, n.Cents)
	h.clust.Set(ctx, key, "1", 7*24*time.Hour) // BUG: checkthenact
	w.WriteHeader(http.StatusOK)
}

// Conn pins one connection for the check and the write; still two commands.
func (h *Webhooks) Conn(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, err := decode(r)
	if err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	conn := h.rdb.Conn()
	defer conn.Close()
	key := "billing:evt:" + n.EventID
	if conn.Exists(ctx, key).Val() == 1 {
		w.WriteHeader(http.StatusOK)
		return
	}
	_ = effects.ChargeCard(ctx, n.CustomerID, n.Cents)
	conn.Set(ctx, key, "1", 7*24*time.Hour) // BUG: checkthenact
	w.WriteHeader(http.StatusOK)
}
