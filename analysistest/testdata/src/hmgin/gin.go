// want package:"sends X-Event-Id"
// Package hmgin is a gin service that forwards events with X-Event-Id and
// receives them back.
package hmgin

import (
	"context"
	"log"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
)

func forward(ctx context.Context, url, eventID string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Event-Id", eventID)
	_, err = http.DefaultClient.Do(req)
	return err
}

func routes(r *gin.Engine, rdb *redis.Client) {
	r.POST("/events", func(c *gin.Context) {
		key := c.GetHeader("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key", which no sender in this module sets \(they set "X-Event-Id"\)`
		if ok, _ := rdb.SetNX(c.Request.Context(), "evt:"+key, 1, 24*time.Hour).Result(); !ok {
			c.Status(http.StatusOK)
			return
		}
	})
	r.POST("/raw", func(c *gin.Context) {
		ids := c.Request.Header["x-event-id"] // want `http.Header index "x-event-id" never matches`
		log.Println(ids)
	})
	// Not reported: the header the sender sets, and a key read for logging.
	r.POST("/ok", func(c *gin.Context) {
		id := c.GetHeader("X-Event-Id")
		log.Println("idempotency key", c.GetHeader("Idempotency-Key"))
		if ok, _ := rdb.SetNX(c.Request.Context(), "evt:"+id, 1, 24*time.Hour).Result(); !ok {
			return
		}
	})
	r.POST("/ok2", func(c *gin.Context) {
		id := c.Request.Header.Get("x-event-id")
		rdb.SetNX(c.Request.Context(), "evt:"+id, 1, 24*time.Hour)
	})
}
