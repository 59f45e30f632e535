// Package mkmiddleware holds middleware factories that the routes of mkhttp use
// from another package: whether their handler claims reaches mkhttp as a fact.
package mkmiddleware

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
)

// Gin claims the delivery id in the header named before the route's handler runs.
func Gin(rdb *redis.Client, header string) gin.HandlerFunc {
	return func(c *gin.Context) {
		ok, err := rdb.SetNX(c.Request.Context(), "idem:"+c.GetHeader(header), 1, 72*time.Hour).Result()
		if err != nil || !ok {
			c.AbortWithStatus(http.StatusOK)
			return
		}
		c.Next()
	}
}

// Logged only logs.
func Logged() gin.HandlerFunc {
	return func(c *gin.Context) { c.Next() }
}

// Echo claims the Idempotency-Key before next.
func Echo(rdb *redis.Client) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if !rdb.SetNX(c.Request().Context(), "idem:"+c.Request().Header.Get("Idempotency-Key"), 1, 72*time.Hour).Val() {
				return nil
			}
			return next(c)
		}
	}
}
