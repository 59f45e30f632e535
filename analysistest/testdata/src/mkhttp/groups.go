package mkhttp

import (
	"database/sql"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
)

type grouped struct {
	db  *sql.DB
	rdb *redis.Client
}

// Routes in a "/webhooks" group are webhook routes.
func (g *grouped) ginGroups(r *gin.Engine) {
	wh := r.Group("/webhooks")
	wh.POST("/paddle", g.paddle)

	claimed := r.Group("/callbacks", g.claimKey)
	claimed.POST("/adyen", g.adyen)

	api := r.Group("/api")
	api.POST("/items", g.items)
}

func (g *grouped) paddle(c *gin.Context) {
	g.db.Exec("INSERT INTO paddle_events (id) VALUES ($1)", c.Param("id")) // want `webhook handler inserts into paddle_events with no dedup claim`
}

func (g *grouped) claimKey(c *gin.Context) {
	if !g.rdb.SetNX(c.Request.Context(), "cb:"+c.GetHeader("Idempotency-Key"), 1, time.Hour).Val() {
		c.AbortWithStatus(http.StatusOK)
	}
}

func (g *grouped) adyen(c *gin.Context) {
	g.db.Exec("INSERT INTO adyen_events (id) VALUES ($1)", c.Param("id"))
}

func (g *grouped) items(c *gin.Context) {
	g.db.Exec("INSERT INTO items (id) VALUES ($1)", c.Param("id"))
}

// chi sub-routers by Route.
func (g *grouped) chiRoutes(r chi.Router) {
	r.Route("/hooks", func(r chi.Router) {
		r.Post("/square", g.square)
	})
	r.Route("/v1", func(r chi.Router) {
		r.Post("/payments", g.payments)
	})
}

func (g *grouped) square(w http.ResponseWriter, r *http.Request) {
	g.rdb.IncrBy(r.Context(), "square:total", 1) // want `webhook handler runs INCRBY with no dedup claim`
}

func (g *grouped) payments(w http.ResponseWriter, r *http.Request) {
	g.rdb.IncrBy(r.Context(), "payments:total", 1)
}

// echo and fiber groups.
func (g *grouped) echoGroups(e *echo.Echo, app *fiber.App) {
	e.Group("/webhooks").POST("/lemonsqueezy", func(c echo.Context) error {
		_, err := g.db.Exec("INSERT INTO lemon (id) VALUES ($1)", c.Param("id")) // want `webhook handler inserts into lemon with no dedup claim`
		return err
	})
	app.Group("/hooks").Post("/mollie", func(c *fiber.Ctx) error {
		_, err := g.db.Exec("INSERT INTO mollie (id) VALUES ($1)", c.Params("id")) // want `webhook handler inserts into mollie with no dedup claim`
		return err
	})
}
