// Command notify-api serves the notification API and the provider webhooks.
package main

import (
	"flag"
	"log"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/notify/internal/config"
	"example.com/notify/internal/idempotency"
	"example.com/notify/internal/webhooks"
)

func main() {
	retention := flag.Duration("idempotency-retention", 48*time.Hour, "how long API idempotency keys are kept")
	flag.Parse()
	cfg := config.Load()
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{cfg.RedisAddr}})

	send := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusAccepted) })
	mux := http.NewServeMux()
	mux.Handle("POST /v2/notifications", idempotency.Middleware(rdb, *retention)(send))
	mux.Handle("POST /v2/broadcasts", idempotency.Middleware(rdb, 2*time.Hour)(send)) // BUG: dedupttl
	mux.Handle("POST /v1/notifications", idempotency.Strict(rdb)(send))
	mux.Handle("POST /internal/notifications", idempotency.Internal(rdb)(send))

	mux.Handle("POST /webhooks/sendgrid", &webhooks.SendGrid{RDB: rdb, Log: logger})
	mux.Handle("POST /webhooks/sendgrid/v2", &webhooks.SendGridV2{RDB: rdb})
	mux.Handle("POST /webhooks/sendgrid/bounces", &webhooks.SendGridBounces{RDB: rdb})
	mux.Handle("POST /webhooks/twilio/status", &webhooks.Twilio{RDB: rdb})
	mux.Handle("POST /webhooks/twilio/inbound", &webhooks.TwilioInbound{RDB: rdb})
	mux.Handle("POST /webhooks/twilio/inbound/v2", &webhooks.TwilioInboundV2{RDB: rdb})
	mux.Handle("POST /webhooks/twilio/voice", &webhooks.TwilioVoice{RDB: rdb})
	mux.Handle("POST /webhooks/twilio/fax", &webhooks.TwilioFax{RDB: rdb})
	log.Fatal(http.ListenAndServe(":8080", mux))
}
