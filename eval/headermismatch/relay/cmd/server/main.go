// Command server runs the webhook ingress, the payments API and the gateway.
package main

import (
	"context"
	"database/sql"
	"log"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/hmcorpus/hdr"
	"example.com/hmcorpus/internal/dedup"
	mw "example.com/hmcorpus/middleware"
	paymentsclient "example.com/hmcorpus/outbound/payments"
	"example.com/hmcorpus/outbound/webhook"
	"example.com/hmcorpus/services/events"
	"example.com/hmcorpus/services/payments"
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	claims := dedup.NewStore(rdb, "hm:")
	ledger := dedup.NewLedger(db)

	payClient := paymentsclient.New(os.Getenv("PAYMENTS_URL"), os.Getenv("PAYMENTS_TOKEN"))
	_ = payClient
	sender := webhook.NewSender(&http.Client{Timeout: 10 * time.Second})
	go func() {
		_ = sender.Deliver(context.Background(), webhook.Endpoint{URL: os.Getenv("SELF_URL")}, webhook.Event{ID: "evt_boot", Type: "service.started"})
	}()

	mux := http.NewServeMux()
	events.NewReceiver([]byte(os.Getenv("WEBHOOK_SECRET")), ledger, claims, nil, logger).Routes(mux)

	payMux := http.NewServeMux()
	payments.NewAPI(claims, nil, logger).Routes(payMux)
	mux.Handle("/v1/", mw.Dedup(claims, hdr.IdempotencyKey)(payMux))

	legacy := http.NewServeMux()
	legacy.HandleFunc("POST /legacy/orders", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusAccepted)
	})
	mux.Handle("/legacy/", mw.Dedup(claims, "Idempotency_Key")(legacy)) // BUG: headermismatch

	handler := mw.RequestID(mw.AccessLog(logger)(mux))
	log.Fatal(http.ListenAndServe(":8080", handler))
}
