// Package ginsrv receives the client's charges with gin.
package ginsrv

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"

	"example.com/headermod/client"
)

// Charger forwards charges it cannot handle.
var Charger = client.Charge

// Routes registers the handlers.
func Routes(r *gin.Engine, rdb *redis.Client) {
	r.POST("/charge", func(c *gin.Context) {
		key := c.GetHeader("Idempotency-Key") // want headermismatch
		ok, err := rdb.SetNX(c.Request.Context(), "charge:"+key, 1, 24*time.Hour).Result()
		if err != nil || !ok {
			c.Status(http.StatusConflict)
			return
		}
		c.Status(http.StatusOK)
	})
	r.POST("/raw", func(c *gin.Context) {
		keys := c.Request.Header["x-idempotency-key"] // want headermismatch
		c.JSON(http.StatusOK, keys)
	})
	r.POST("/ok", func(c *gin.Context) {
		key := c.GetHeader("x-idempotency-key")
		if ok, _ := rdb.SetNX(c.Request.Context(), "charge:"+key, 1, 24*time.Hour).Result(); !ok {
			c.Status(http.StatusConflict)
		}
	})
}
