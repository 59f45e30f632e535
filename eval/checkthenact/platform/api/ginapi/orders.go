// Package ginapi is the public orders API (gin).
package ginapi

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/rediskeys"
)

type Order struct {
	ID         int64  `json:"id"`
	CustomerID string `json:"customer_id"`
	TotalCents int64  `json:"total_cents"`
	Status     string `json:"status"`
}

type OrdersAPI struct {
	db  *sql.DB
	rdb *redis.Client
}

func NewOrdersAPI(db *sql.DB, rdb *redis.Client) *OrdersAPI { return &OrdersAPI{db: db, rdb: rdb} }

func (a *OrdersAPI) Register(r gin.IRouter) {
	r.POST("/v1/orders", a.Create)
	r.POST("/v2/orders", a.CreateV2)
	r.GET("/v1/orders/:id", a.Get)
}

// Create replays the cached response of an earlier request with the same
// Idempotency-Key, otherwise creates the order and caches the response.
func (a *OrdersAPI) Create(c *gin.Context) {
	ctx := c.Request.Context()
	idem := c.GetHeader("Idempotency-Key")
	if idem == "" {
		c.JSON(http.StatusBadRequest, gin.H{"error": "Idempotency-Key required"})
		return
	}
	ck := rediskeys.Idempotency("orders", idem)
	if cached, err := a.rdb.Get(ctx, ck).Bytes(); err == nil {
		c.Data(http.StatusOK, "application/json", cached)
		return
	}
	var in Order
	if err := c.ShouldBindJSON(&in); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	err := a.db.QueryRowContext(ctx,
		`INSERT INTO orders (customer_id, total_cents, status) VALUES ($1, $2, 'new') RETURNING id`,
		in.CustomerID, in.TotalCents).Scan(&in.ID)
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "db"})
		return
	}
	in.Status = "new"
	body, _ := json.Marshal(in)
	a.rdb.Set(ctx, ck, body, 24*time.Hour) // BUG: checkthenact
	c.Data(http.StatusCreated, "application/json", body)
}

// CreateV2 puts a "processing" placeholder with SET NX before doing anything;
// the later SET only replaces the placeholder this request owns.
func (a *OrdersAPI) CreateV2(c *gin.Context) {
	ctx := c.Request.Context()
	idem := c.GetHeader("Idempotency-Key")
	ck := rediskeys.Idempotency("orders-v2", idem)
	if cached, err := a.rdb.Get(ctx, ck).Bytes(); err == nil {
		if string(cached) == "processing" {
			c.JSON(http.StatusConflict, gin.H{"error": "request in progress"})
			return
		}
		c.Data(http.StatusOK, "application/json", cached)
		return
	}
	ok, err := a.rdb.SetNX(ctx, ck, "processing", 5*time.Minute).Result()
	if err != nil || !ok {
		c.JSON(http.StatusConflict, gin.H{"error": "request in progress"})
		return
	}
	var in Order
	if err := c.ShouldBindJSON(&in); err != nil {
		a.rdb.Del(ctx, ck)
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	err = a.db.QueryRowContext(ctx,
		`INSERT INTO orders (customer_id, total_cents, status) VALUES ($1, $2, 'new') RETURNING id`,
		in.CustomerID, in.TotalCents).Scan(&in.ID)
	if err != nil {
		a.rdb.Del(ctx, ck)
		c.JSON(http.StatusInternalServerError, gin.H{"error": "db"})
		return
	}
	body, _ := json.Marshal(in)
	a.rdb.Set(ctx, ck, body, 24*time.Hour)
	c.Data(http.StatusCreated, "application/json", body)
}

// Get is a read-through cache of one order.
func (a *OrdersAPI) Get(c *gin.Context) {
	ctx := c.Request.Context()
	id := c.Param("id")
	key := "order:view:" + id
	if raw, err := a.rdb.Get(ctx, key).Bytes(); err == nil {
		c.Data(http.StatusOK, "application/json", raw)
		return
	}
	var o Order
	err := a.db.QueryRowContext(ctx, `SELECT id, customer_id, total_cents, status FROM orders WHERE id = $1`, id).
		Scan(&o.ID, &o.CustomerID, &o.TotalCents, &o.Status)
	if err != nil {
		c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
		return
	}
	raw, _ := json.Marshal(o)
	a.rdb.Set(ctx, key, raw, 2*time.Minute)
	c.Data(http.StatusOK, "application/json", raw)
}
