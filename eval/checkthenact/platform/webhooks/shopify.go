package webhooks

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/effects"
	"example.com/platform/internal/rediskeys"
)

type shopifyOrder struct {
	ID       int64  `json:"id"`
	Email    string `json:"email"`
	Customer struct {
		ID string `json:"id"`
	} `json:"customer"`
	TotalCents int64 `json:"total_cents"`
}

type ShopifyHandler struct {
	rdb *redis.Client
}

func NewShopifyHandler(rdb *redis.Client) *ShopifyHandler { return &ShopifyHandler{rdb: rdb} }

func (h *ShopifyHandler) OrdersCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	key := rediskeys.Event("shopify", r.Header.Get("X-Shopify-Event-Id"))
	_, err := h.rdb.Get(ctx, key).Result()
	if err == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	if !errors.Is(err, redis.Nil) {
		http.Error(w, "redis", http.StatusServiceUnavailable)
		return
	}
	defer h.rdb.Set(ctx, key, time.Now().Unix(), 48*time.Hour) // BUG: checkthenact

	var o shopifyOrder
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	if err := effects.ChargeCard(ctx, o.Customer.ID, o.TotalCents); err != nil {
		http.Error(w, "charge", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// OrdersPaid uses GETSET as the claim: the old value tells whether a previous
// delivery already got here.
func (h *ShopifyHandler) OrdersPaid(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	key := rediskeys.Event("shopify", r.Header.Get("X-Shopify-Event-Id"))
	old, err := h.rdb.GetSet(ctx, key, time.Now().Unix()).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		http.Error(w, "redis", http.StatusServiceUnavailable)
		return
	}
	if old != "" {
		w.WriteHeader(http.StatusOK)
		return
	}
	h.rdb.Expire(ctx, key, 48*time.Hour)
	var o shopifyOrder
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	_ = effects.SendEmail(ctx, o.Email, "order-paid")
	w.WriteHeader(http.StatusOK)
}

// CustomersUpdate refreshes the last-seen marker on every delivery; the
// existence check only decides what to log, not whether to write.
func (h *ShopifyHandler) CustomersUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	key := "shopify:customer:lastsync:" + r.Header.Get("X-Shopify-Shop-Domain")
	if n, _ := h.rdb.Exists(ctx, key).Result(); n == 0 {
		_ = effects.Notify(ctx, "ops", "first customer sync for shop")
	}
	h.rdb.Set(ctx, key, time.Now().Unix(), 0)
	w.WriteHeader(http.StatusOK)
}
