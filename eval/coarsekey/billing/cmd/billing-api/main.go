// Command billing-api serves the public billing API and the webhook endpoints.
package main

import (
	"log"
	"log/slog"
	"net/http"
	"os"

	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82"

	"example.com/billing/internal/api"
	"example.com/billing/internal/payments"
	"example.com/billing/internal/platform"
	"example.com/billing/internal/wallet"
	"example.com/billing/internal/webhooks"
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{os.Getenv("REDIS_ADDR")}})
	sc := stripe.NewClient(os.Getenv("STRIPE_SECRET_KEY"))

	srv := &api.Server{
		RDB:      rdb,
		SC:       sc,
		Payments: &payments.Service{SC: sc, Clock: platform.System, Log: logger},
		Wallet:   &wallet.Store{RDB: rdb, Now: platform.System.Now},
		Limiter:  &platform.Limiter{RDB: rdb, Limit: 60, Clock: platform.System},
	}
	mux := http.NewServeMux()
	srv.Routes(mux)
	mux.Handle("POST /webhooks/stripe", &webhooks.StripeHandler{
		Secret: os.Getenv("STRIPE_WEBHOOK_SECRET"),
		RDB:    rdb,
		Log:    logger,
	})
	mux.Handle("POST /webhooks/partner", &webhooks.PartnerHandler{RDB: rdb})
	mux.Handle("POST /webhooks/partner/v2", &webhooks.DeliveryHandler{RDB: rdb})
	log.Fatal(http.ListenAndServe(":8080", mux))
}
