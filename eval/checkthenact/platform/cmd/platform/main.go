// Command platform serves the public API, the webhooks and the workers.
package main

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/go-redsync/redsync/v4"
	"github.com/go-redsync/redsync/v4/redis/goredis/v9"
	"github.com/labstack/echo/v4"
	_ "github.com/lib/pq"
	"github.com/redis/go-redis/v9"

	"example.com/platform/api/chiapi"
	"example.com/platform/api/echoapi"
	"example.com/platform/api/ginapi"
	"example.com/platform/consumer"
	"example.com/platform/internal/dedupstore"
	"example.com/platform/jobs"
	"example.com/platform/middleware/idempotency"
	"example.com/platform/ratelimit"
	"example.com/platform/webhooks"
)

func main() {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	uni := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{os.Getenv("REDIS_ADDR")}})
	rs := redsync.New(goredis.NewPool(rdb))

	// Webhooks (net/http + chi).
	wh := chi.NewRouter()
	lim := ratelimit.New(rdb, 100, time.Minute)
	wh.Use(lim.Middleware)
	dd := dedupstore.New(rdb, 72*time.Hour)
	wh.Method(http.MethodPost, "/webhooks/stripe", &webhooks.StripeHandler{Dedup: dd})
	wh.Method(http.MethodPost, "/webhooks/stripe/v2", &webhooks.StripeV2Handler{Dedup: dd})
	wh.Method(http.MethodPost, "/webhooks/github", webhooks.NewGitHubHandler(rdb))
	sh := webhooks.NewShopifyHandler(rdb)
	wh.Post("/webhooks/shopify/orders-create", sh.OrdersCreate)
	wh.Post("/webhooks/shopify/orders-paid", sh.OrdersPaid)
	wh.Method(http.MethodPost, "/webhooks/twilio/sms", &webhooks.SMSStatusHandler{})
	sw := webhooks.NewStandardWebhooks(uni)
	wh.Post("/webhooks/std/billing", sw.Billing)
	wh.Mount("/teams", chiapi.NewInviteAPI(uni).Routes())
	chiapi.NewPayoutAPI(rdb, rs).Routes(wh)

	// Public API (gin) behind the idempotency middleware.
	g := gin.New()
	ginapi.NewOrdersAPI(db, rdb).Register(g)
	idem := idempotency.NewLocking(rdb, 24*time.Hour)

	// Back office (echo).
	e := echo.New()
	echoapi.NewRefundsAPI(db, rdb).Register(e)
	consumer.NewBusHandler(uni).Register(e)

	go jobs.NewRunner(rdb).Loop(context.Background())

	go func() { log.Fatal(http.ListenAndServe(":8081", wh)) }()
	go func() { log.Fatal(http.ListenAndServe(":8082", idem.Wrap(g))) }()
	log.Fatal(e.Start(":8083"))
}
