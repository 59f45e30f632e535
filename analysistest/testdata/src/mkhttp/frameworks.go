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

	"mkmiddleware"
)

type api struct {
	db  *sql.DB
	rdb *redis.Client
}

func (a *api) ginRoutes(r *gin.Engine) {
	r.POST("/webhooks/shopify", a.ginShopify)
	r.POST("/orders", a.ginOrders) // a plain API handler
	r.POST("/webhooks/claimed", a.ginClaim, a.ginAfterClaim)
	// Middleware made by a factory of another package: its handler claims first.
	r.POST("/webhooks/shared-claim", mkmiddleware.Gin(a.rdb, "X-Shopify-Webhook-Id"), a.ginSharedClaim)
	r.POST("/webhooks/shared-logged", mkmiddleware.Logged(), a.ginSharedLogged)
}

func (a *api) ginSharedClaim(c *gin.Context) {
	a.db.Exec("INSERT INTO shop_orders (id) VALUES ($1)", c.Param("id"))
}

func (a *api) ginSharedLogged(c *gin.Context) {
	a.db.Exec("INSERT INTO shop_orders (id) VALUES ($1)", c.Param("id")) // want `webhook handler inserts into shop_orders with no dedup claim`
}

func (a *api) echoShared(e *echo.Echo) {
	e.POST("/hooks/intercom", a.echoIntercom, mkmiddleware.Echo(a.rdb))
}

func (a *api) echoIntercom(c echo.Context) error {
	_, err := a.db.Exec("INSERT INTO tickets (id) VALUES ($1)", c.Param("id"))
	return err
}

func (a *api) ginShopify(c *gin.Context) {
	var body struct{ ID int64 }
	c.BindJSON(&body)
	a.rdb.Publish(c.Request.Context(), "orders", body.ID) // want `webhook handler runs PUBLISH with no dedup claim`
}

func (a *api) ginOrders(c *gin.Context) {
	a.db.Exec("INSERT INTO orders (id) VALUES ($1)", c.Param("id"))
}

// A gin middleware in the route's chain claims before the handler.
func (a *api) ginClaim(c *gin.Context) {
	if !a.rdb.SetNX(c.Request.Context(), "idem:"+c.GetHeader("Idempotency-Key"), 1, time.Hour).Val() {
		c.AbortWithStatus(http.StatusOK)
	}
}

func (a *api) ginAfterClaim(c *gin.Context) {
	a.db.Exec("INSERT INTO orders (id) VALUES ($1)", c.Param("id"))
}

func (a *api) chiRoutes(r chi.Router) {
	r.Post("/hooks/twilio", a.chiTwilio)
	r.With(a.dedup).Post("/hooks/sendgrid", a.chiSendgrid)
	r.Post("/hooks/mailgun", a.wrap(a.chiMailgun))
}

func (a *api) chiTwilio(w http.ResponseWriter, r *http.Request) {
	a.db.Exec("INSERT INTO sms (sid) VALUES ($1)", r.FormValue("MessageSid")) // want `webhook handler inserts into sms with no dedup claim`
}

// chi inline middleware that claims the request's idempotency key.
func (a *api) dedup(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, err := a.rdb.SetNX(r.Context(), "idem:"+r.Header.Get("Idempotency-Key"), 1, time.Hour).Result()
		if err != nil || !ok {
			w.WriteHeader(http.StatusConflict)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (a *api) chiSendgrid(w http.ResponseWriter, r *http.Request) {
	a.db.Exec("INSERT INTO mail_events (id) VALUES ($1)", r.FormValue("sg_event_id"))
}

// A logging middleware does not claim: the wrapped handler is still checked.
func (a *api) wrap(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		next(w, r)
	}
}

func (a *api) chiMailgun(w http.ResponseWriter, r *http.Request) {
	a.db.Exec("INSERT INTO mail_events (id) VALUES ($1)", r.FormValue("token")) // want `webhook handler inserts into mail_events with no dedup claim`
}

func (a *api) echoRoutes(e *echo.Echo) {
	e.POST("/webhooks/paddle", a.echoPaddle)
	e.POST("/webhooks/lemon", a.echoLemon, a.echoDedup)
}

func (a *api) echoPaddle(c echo.Context) error {
	_, err := a.db.Exec("INSERT INTO subscriptions (id) VALUES ($1)", c.Param("id")) // want `webhook handler inserts into subscriptions with no dedup claim`
	return err
}

func (a *api) echoLemon(c echo.Context) error {
	_, err := a.db.Exec("INSERT INTO subscriptions (id) VALUES ($1)", c.Param("id"))
	return err
}

// echo route middleware that claims.
func (a *api) echoDedup(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !a.rdb.SetNX(c.Request().Context(), "idem:"+c.Request().Header.Get("Idempotency-Key"), 1, time.Hour).Val() {
			return nil
		}
		return next(c)
	}
}

func (a *api) fiberRoutes(app *fiber.App) {
	app.Post("/webhook", func(c *fiber.Ctx) error {
		_, err := a.db.Exec("INSERT INTO raw_events (body) VALUES ($1)", c.Body()) // want `webhook handler inserts into raw_events with no dedup claim`
		return err
	})
	app.Post("/api/items", func(c *fiber.Ctx) error {
		_, err := a.db.Exec("INSERT INTO items (body) VALUES ($1)", c.Body())
		return err
	})
}
