package mkhttp

import (
	"database/sql"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/redis/go-redis/v9"
)

// A router-wide middleware claims the idempotency key before every route.
type guarded struct {
	db  *sql.DB
	rdb *redis.Client
}

func (g *guarded) routes(r *gin.Engine) {
	r.Use(g.idempotency())
	r.POST("/webhooks/paypal", g.paypal)
}

func (g *guarded) idempotency() gin.HandlerFunc {
	return func(c *gin.Context) {
		ok, err := g.rdb.SetNX(c.Request.Context(), "idem:"+c.GetHeader("Idempotency-Key"), 1, 24*time.Hour).Result()
		if err != nil || !ok {
			c.AbortWithStatus(http.StatusConflict)
			return
		}
		c.Next()
	}
}

func (g *guarded) paypal(c *gin.Context) {
	g.db.Exec("INSERT INTO paypal_events (id) VALUES ($1)", c.Param("id"))
}
