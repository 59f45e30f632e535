// Package checkout serves the public checkout API (POST /orders, POST /carts/...).
// Clients retry these calls with the same Idempotency-Key header.
package checkout

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"example.com/marketplace/internal/config"
	"example.com/marketplace/internal/httpclient"
	"example.com/marketplace/internal/keys"
)

// Handler is the checkout API.
type Handler struct {
	db  *pgxpool.Pool
	rdb redis.Cmdable
	pay *httpclient.Client
}

// NewHandler wires the checkout API.
func NewHandler(db *pgxpool.Pool, rdb redis.Cmdable, pay *httpclient.Client) *Handler {
	return &Handler{db: db, rdb: rdb, pay: pay}
}

// Routes registers the API.
func (h *Handler) Routes(r chi.Router) {
	r.Post("/orders", h.PlaceOrder)
	r.Post("/v2/orders", h.PlaceOrderV2)
	r.Post("/carts/{cartID}/items", h.AddToCart)
	r.Post("/carts/{cartID}/items/increment", h.IncrementCartItem)
	r.Get("/listings/{id}", h.Listing)
}

type placeOrderRequest struct {
	CartID     string `json:"cart_id"`
	CustomerID string `json:"customer_id"`
	TotalCents int64  `json:"total_cents"`
}

type order struct {
	ID         string `json:"id"`
	CustomerID string `json:"customer_id"`
	TotalCents int64  `json:"total_cents"`
}

func idemKey(r *http.Request) string {
	return r.Header.Get("Idempotency-Key")
}

// PlaceOrder creates the order and charges it. A retried POST with the same
// Idempotency-Key must return the first response.
func (h *Handler) PlaceOrder(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	key := idemKey(r)
	var req placeOrderRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	cached, err := h.rdb.Get(ctx, "idem:checkout:"+key).Result()
	if err == nil {
		w.Write([]byte(cached))
		return
	}
	if !errors.Is(err, redis.Nil) {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	o, err := h.createAndCharge(ctx, req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	body, _ := json.Marshal(o)
	h.rdb.Set(ctx, "idem:checkout:"+key, body, config.DedupWindow) // BUG: checkthenact
	w.Write(body)
}

// PlaceOrderV2 claims the client's key before doing anything.
func (h *Handler) PlaceOrderV2(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	key := idemKey(r)
	var req placeOrderRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ok, err := h.rdb.SetNX(ctx, "idem:checkout:v2:"+key, "pending", config.DedupWindow).Result()
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if !ok {
		http.Error(w, "request in progress or done", http.StatusConflict)
		return
	}
	o, err := h.createAndCharge(ctx, req)
	if err != nil {
		h.rdb.Del(ctx, "idem:checkout:v2:"+key)
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	body, _ := json.Marshal(o)
	h.rdb.Set(ctx, "idem:checkout:v2:"+key, body, config.DedupWindow)
	w.Write(body)
}

func (h *Handler) createAndCharge(ctx context.Context, req placeOrderRequest) (order, error) {
	o := order{ID: uuid.NewString(), CustomerID: req.CustomerID, TotalCents: req.TotalCents}
	if _, err := h.db.Exec(ctx, "INSERT INTO orders (id, customer_id, total_cents, status) VALUES ($1, $2, $3, 'pending')", o.ID, o.CustomerID, o.TotalCents); err != nil {
		return order{}, err
	}
	resp, err := h.pay.PostJSON(ctx, "/v1/charges", keys.ChargeKey(o.ID), map[string]any{"amount": o.TotalCents, "order": o.ID})
	if err != nil {
		return order{}, err
	}
	resp.Body.Close()
	return o, nil
}

// QuickBuy is the one-click purchase of a saved cart.
func (h *Handler) QuickBuy(ctx context.Context, o order) error {
	day := time.Now().Format("2006-01-02")
	resp, err := h.pay.PostJSON(ctx, "/v1/charges", o.CustomerID+":"+day, map[string]any{"amount": o.TotalCents, "order": o.ID}) // BUG: coarsekey
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// RequestQuote asks the provider for a shipping-and-fees quote; identical
// requests share a key.
func (h *Handler) RequestQuote(ctx context.Context, body []byte) error {
	var req map[string]any
	if err := json.Unmarshal(body, &req); err != nil {
		return err
	}
	resp, err := h.pay.PostJSON(ctx, "/v1/quotes", keys.BodyKey(body), req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// AddToCart adds one unit of a listing. The quantity is read, bumped and
// written back.
func (h *Handler) AddToCart(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cartKey := "cart:" + chi.URLParam(r, "cartID")
	sku := r.URL.Query().Get("sku")
	qty, err := h.rdb.HGet(ctx, cartKey, sku).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	h.rdb.HSet(ctx, cartKey, sku, qty+1) // BUG: checkthenact
	w.WriteHeader(http.StatusNoContent)
}

// IncrementCartItem is the atomic version.
func (h *Handler) IncrementCartItem(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cartKey := "cart:" + chi.URLParam(r, "cartID")
	sku := r.URL.Query().Get("sku")
	if err := h.rdb.HIncrBy(ctx, cartKey, sku, 1).Err(); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	h.rdb.Expire(ctx, cartKey, 7*24*time.Hour)
	w.WriteHeader(http.StatusNoContent)
}

// Listing is a read-through cache of the catalog row.
func (h *Handler) Listing(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := chi.URLParam(r, "id")
	ck := "listing:" + id
	if b, err := h.rdb.Get(ctx, ck).Bytes(); err == nil {
		w.Write(b)
		return
	}
	var title string
	var price int64
	if err := h.db.QueryRow(ctx, "SELECT title, price_cents FROM listings WHERE id = $1", id).Scan(&title, &price); err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	b, _ := json.Marshal(map[string]any{"id": id, "title": title, "price_cents": price})
	h.rdb.Set(ctx, ck, b, config.CacheTTL)
	w.Write(b)
}
