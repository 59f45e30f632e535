// Package partners receives callbacks from marketplace partners (carriers,
// payment-method partners, affiliate networks) on a gin router.
package partners

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"example.com/marketplace/internal/config"
)

// DedupGin returns a gin middleware that claims the value of header.
func DedupGin(rdb redis.UniversalClient, header string, ttl time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(header)
		if id == "" {
			c.AbortWithStatus(http.StatusBadRequest)
			return
		}
		ok, err := rdb.SetNX(c.Request.Context(), "partner:dedup:"+id, 1, ttl).Result()
		if err != nil {
			c.AbortWithStatus(http.StatusServiceUnavailable)
			return
		}
		if !ok {
			c.AbortWithStatus(http.StatusOK)
			return
		}
		c.Next()
	}
}

// API is the partner callback API.
type API struct {
	db  *pgxpool.Pool
	rdb redis.UniversalClient
}

// NewAPI wires the API.
func NewAPI(db *pgxpool.Pool, rdb redis.UniversalClient) *API { return &API{db: db, rdb: rdb} }

type delivered struct {
	OrderID     string `json:"order_id"`
	SellerID    string `json:"seller_id"`
	AmountCents int64  `json:"amount_cents"`
	CallbackID  string `json:"callback_id"`
}

// Register mounts the callbacks.
func (a *API) Register(r *gin.Engine) {
	hooks := r.Group("/webhooks/partners")
	hooks.POST("/delivered", a.delivered)
	hooks.POST("/delivered/v2", a.deliveredV2)
	hooks.POST("/status", a.status)
	hooks.POST("/affiliate", a.affiliate)

	claimed := r.Group("/webhooks/claimed", DedupGin(a.rdb, "X-Delivery-Id", config.DedupWindow))
	claimed.POST("/commission", a.commission)

	short := r.Group("/webhooks/short", DedupGin(a.rdb, "X-Delivery-Id", 45*time.Minute)) // BUG: dedupttl
	short.POST("/cashback", a.cashback)
}

// delivered releases the order's money to the seller when the carrier
// confirms delivery.
func (a *API) delivered(c *gin.Context) {
	var d delivered
	if err := c.ShouldBindJSON(&d); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	if _, err := a.db.Exec(c, "UPDATE seller_balances SET balance_cents = balance_cents + $1 WHERE seller_id = $2", d.AmountCents, d.SellerID); err != nil { // BUG: missingkey
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Status(http.StatusOK)
}

// deliveredV2 records the callback id in the same transaction as the credit.
func (a *API) deliveredV2(c *gin.Context) {
	var d delivered
	if err := c.ShouldBindJSON(&d); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	err := pgx.BeginFunc(c, a.db, func(tx pgx.Tx) error {
		if _, err := tx.Exec(c, "INSERT INTO partner_callbacks (callback_id) VALUES ($1)", d.CallbackID); err != nil {
			return err
		}
		_, err := tx.Exec(c, "UPDATE seller_balances SET balance_cents = balance_cents + $1 WHERE seller_id = $2", d.AmountCents, d.SellerID)
		return err
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		c.Status(http.StatusOK)
		return
	}
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Status(http.StatusOK)
}

// status stores the latest carrier status: an absolute write.
func (a *API) status(c *gin.Context) {
	var d struct {
		OrderID string `json:"order_id"`
		Status  string `json:"status"`
	}
	if err := c.ShouldBindJSON(&d); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	a.db.Exec(c, "UPDATE orders SET carrier_status = $1 WHERE id = $2", d.Status, d.OrderID)
	c.Status(http.StatusOK)
}

// affiliate credits an affiliate commission, deduplicated on the partner's key.
func (a *API) affiliate(c *gin.Context) {
	key := c.GetHeader("Idempotency_Key") // BUG: headermismatch
	ok, err := a.rdb.SetNX(c, "affiliate:"+key, 1, config.DedupWindow).Result()
	if err != nil || !ok {
		c.Status(http.StatusOK)
		return
	}
	var d delivered
	if err := c.ShouldBindJSON(&d); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	a.credit(c, d)
	c.Status(http.StatusOK)
}

func (a *API) credit(ctx context.Context, d delivered) {
	a.db.Exec(ctx, "INSERT INTO affiliate_commissions (order_id, amount_cents) VALUES ($1, $2)", d.OrderID, d.AmountCents)
}

// commission is behind DedupGin.
func (a *API) commission(c *gin.Context) {
	var d delivered
	if err := c.ShouldBindJSON(&d); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	a.credit(c, d)
	c.Status(http.StatusOK)
}

// cashback is behind DedupGin with a short retention.
func (a *API) cashback(c *gin.Context) {
	var d delivered
	if err := c.ShouldBindJSON(&d); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	a.db.Exec(c, "INSERT INTO cashback_credits (order_id, amount_cents) VALUES ($1, $2)", d.OrderID, d.AmountCents)
	c.Status(http.StatusOK)
}
