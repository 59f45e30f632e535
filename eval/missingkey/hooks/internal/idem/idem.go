// Package idem deduplicates webhook deliveries and API retries.
package idem

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
)

const ttl = 72 * time.Hour

// Claims is a Redis-backed claim table.
type Claims struct {
	RDB *redis.Client
}

// Claim returns true for the first caller with this key.
func (c *Claims) Claim(ctx context.Context, key string) (bool, error) {
	return c.RDB.SetNX(ctx, "idem:"+key, "1", ttl).Result()
}

// Forget drops a claim so the provider's retry is processed again.
func (c *Claims) Forget(ctx context.Context, key string) {
	c.RDB.Del(ctx, "idem:"+key)
}

// Middleware claims the request's Idempotency-Key before calling next; a
// repeated key gets 200 without running next again.
func Middleware(rdb *redis.Client) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get("Idempotency-Key")
			if key == "" {
				http.Error(w, "Idempotency-Key required", http.StatusBadRequest)
				return
			}
			ok, err := rdb.SetNX(r.Context(), "idem:http:"+key, "1", ttl).Result()
			if err != nil {
				http.Error(w, "try again", http.StatusServiceUnavailable)
				return
			}
			if !ok {
				w.WriteHeader(http.StatusOK)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// Gin claims a header value (for Shopify, X-Shopify-Webhook-Id).
func Gin(rdb *redis.Client, header string) gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(header)
		if id == "" {
			c.AbortWithStatus(http.StatusBadRequest)
			return
		}
		ok, err := rdb.SetNX(c.Request.Context(), "idem:gin:"+id, "1", ttl).Result()
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

// Echo is the echo flavour of Middleware.
func Echo(rdb *redis.Client) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			key := c.Request().Header.Get("Idempotency-Key")
			if key == "" {
				return echo.NewHTTPError(http.StatusBadRequest, "Idempotency-Key required")
			}
			ok, err := rdb.SetNX(c.Request().Context(), "idem:echo:"+key, "1", ttl).Result()
			if err != nil {
				return err
			}
			if !ok {
				return c.NoContent(http.StatusOK)
			}
			return next(c)
		}
	}
}
