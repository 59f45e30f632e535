// Package shopify receives Shopify app webhooks (gin).
package shopify

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go"
	"github.com/redis/go-redis/v9"

	"example.com/hooks/internal/idem"
	"example.com/hooks/internal/sig"
)

type Webhooks struct {
	Secret string
	Pool   *pgxpool.Pool
	RDB    *redis.Client
	NC     *nats.Conn
	Log    *slog.Logger
}

type order struct {
	ID              int64  `json:"id"`
	Name            string `json:"name"`
	Email           string `json:"email"`
	TotalPrice      string `json:"total_price"`
	Currency        string `json:"currency"`
	FinancialStatus string `json:"financial_status"`
}

// verify checks X-Shopify-Hmac-Sha256 and puts the body back for the handler.
func (h *Webhooks) verify(c *gin.Context) {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	if !sig.Shopify(h.Secret, c.GetHeader("X-Shopify-Hmac-Sha256"), body) {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	c.Set("shop", c.GetHeader("X-Shopify-Shop-Domain"))
	c.Next()
}

// Register mounts the webhook routes.
func (h *Webhooks) Register(r *gin.Engine) {
	g := r.Group("/shopify/webhooks", h.verify)
	g.POST("/orders/create", idem.Gin(h.RDB, "X-Shopify-Webhook-Id"), h.ordersCreate)
	g.POST("/orders/paid", h.ordersPaid)
	g.POST("/app/uninstalled", h.appUninstalled)
	g.POST("/customers/data_request", h.dataRequest)
	g.POST("/fulfillments/create", func(c *gin.Context) {
		var f struct {
			ID       int64  `json:"id"`
			OrderID  int64  `json:"order_id"`
			Status   string `json:"status"`
			Tracking string `json:"tracking_number"`
		}
		if err := c.ShouldBindJSON(&f); err != nil {
			c.Status(http.StatusOK)
			return
		}
		ctx := c.Request.Context()
		h.RDB.HSet(ctx, "fulfillment:"+c.GetString("shop"), f.ID, f.Status)
		data, _ := json.Marshal(f)
		if err := h.NC.Publish("shop.fulfillment.created", data); err != nil { // BUG: missingkey
			c.Status(http.StatusInternalServerError)
			return
		}
		c.Status(http.StatusOK)
	})
	g.POST("/shop/update", h.shopUpdate)
	g.POST("/orders/cancelled", h.ordersCancelled)
}

func (h *Webhooks) ordersCreate(c *gin.Context) {
	var o order
	if err := c.ShouldBindJSON(&o); err != nil {
		c.Status(http.StatusOK)
		return
	}
	_, err := h.Pool.Exec(c.Request.Context(),
		`INSERT INTO shop_orders (shop, shopify_id, name, email, total, currency) VALUES ($1, $2, $3, $4, $5, $6)`,
		c.GetString("shop"), o.ID, o.Name, o.Email, o.TotalPrice, o.Currency)
	if err != nil {
		c.Status(http.StatusInternalServerError)
		return
	}
	h.RDB.Incr(c.Request.Context(), "shop:orders:"+c.GetString("shop"))
	c.Status(http.StatusOK)
}

func (h *Webhooks) ordersPaid(c *gin.Context) {
	var o order
	if err := c.ShouldBindJSON(&o); err != nil {
		c.Status(http.StatusOK)
		return
	}
	ctx := c.Request.Context()
	if _, err := h.Pool.Exec(ctx, `UPDATE shop_orders SET financial_status = 'paid' WHERE shop = $1 AND shopify_id = $2`, c.GetString("shop"), o.ID); err != nil {
		c.Status(http.StatusInternalServerError)
		return
	}
	if _, err := h.Pool.Exec(ctx, `INSERT INTO revenue_events (shop, shopify_id, amount, currency, at) VALUES ($1, $2, $3, $4, $5)`, c.GetString("shop"), o.ID, o.TotalPrice, o.Currency, time.Now()); err != nil { // BUG: missingkey
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Status(http.StatusOK)
}

func (h *Webhooks) appUninstalled(c *gin.Context) {
	shop := c.GetString("shop")
	ctx := c.Request.Context()
	if _, err := h.Pool.Exec(ctx, `DELETE FROM shop_tokens WHERE shop = $1`, shop); err != nil {
		c.Status(http.StatusInternalServerError)
		return
	}
	h.RDB.Del(ctx, "shop:session:"+shop)
	h.RDB.Set(ctx, "shop:status:"+shop, "uninstalled", 0)
	c.Status(http.StatusOK)
}

// dataRequest queues a GDPR export; the exporter mails the merchant.
func (h *Webhooks) dataRequest(c *gin.Context) {
	var req struct {
		Customer struct {
			ID    int64  `json:"id"`
			Email string `json:"email"`
		} `json:"customer"`
		DataRequest struct {
			ID int64 `json:"id"`
		} `json:"data_request"`
	}
	if err := c.ShouldBindJSON(&req); err != nil {
		c.Status(http.StatusOK)
		return
	}
	job, _ := json.Marshal(map[string]any{"shop": c.GetString("shop"), "customer": req.Customer.ID, "request": req.DataRequest.ID})
	if err := h.RDB.LPush(c.Request.Context(), "gdpr:exports", job).Err(); err != nil { // BUG: missingkey
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Status(http.StatusOK)
}

func (h *Webhooks) shopUpdate(c *gin.Context) {
	var s struct {
		Name     string `json:"name"`
		Currency string `json:"currency"`
		Plan     string `json:"plan_name"`
	}
	if err := c.ShouldBindJSON(&s); err != nil {
		c.Status(http.StatusOK)
		return
	}
	_, err := h.Pool.Exec(c.Request.Context(), `
		INSERT INTO shops (domain, name, currency, plan) VALUES ($1, $2, $3, $4)
		ON CONFLICT (domain) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency, plan = EXCLUDED.plan`,
		c.GetString("shop"), s.Name, s.Currency, s.Plan)
	if err != nil {
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Status(http.StatusOK)
}

func (h *Webhooks) ordersCancelled(c *gin.Context) {
	ctx := c.Request.Context()
	if err := h.RDB.SetNX(ctx, "shopify:wh:"+c.GetHeader("X-Shopify-Webhook-Id"), 1, 48*time.Hour).Err(); err != nil { // AMBIG: missingkey
		c.Status(http.StatusServiceUnavailable)
		return
	}
	var o order
	if err := c.ShouldBindJSON(&o); err != nil {
		c.Status(http.StatusOK)
		return
	}
	data, _ := json.Marshal(map[string]any{"shop": c.GetString("shop"), "order": o.ID})
	if err := h.NC.Publish("shop.order.cancelled", data); err != nil { // BUG: missingkey
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Status(http.StatusOK)
}
