// Command relay runs the webhook ingress and, in the single-binary dev
// profile, every consumer behind it.
package main

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"

	"example.com/hooks/consumers/audit"
	"example.com/hooks/consumers/billing"
	"example.com/hooks/consumers/ledger"
	"example.com/hooks/consumers/notify"
	"example.com/hooks/consumers/reports"
	"example.com/hooks/consumers/search"
	"example.com/hooks/ingest"
	"example.com/hooks/internal/dedup"
	"example.com/hooks/publicapi"
	"example.com/hooks/relay/client"
	"example.com/hooks/relay/ledgerclient"
)

type logSender struct{ log *slog.Logger }

func (l logSender) Send(_ context.Context, kind string, payload []byte) error {
	l.log.Info("notify", "kind", kind, "bytes", len(payload))
	return nil
}

type nopIndex struct{}

func (nopIndex) Upsert(context.Context, client.Envelope) error { return nil }
func (nopIndex) Remove(context.Context, string) error          { return nil }

func main() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	secret := []byte(os.Getenv("RELAY_SECRET"))

	fwd := &client.Forwarder{HTTP: &http.Client{Timeout: 10 * time.Second}, Secret: secret, Source: os.Getenv("REGION"), MaxAttempts: 5, Log: log}
	lc := ledgerclient.New(os.Getenv("LEDGER_URL"), os.Getenv("LEDGER_TOKEN"))
	srch := search.NewServer(rdb, nopIndex{}, log)

	in := ingest.New(fwd, lc, srch.Index, rdb, db, ingest.Secrets{
		GitHub: os.Getenv("GITHUB_SECRET"), Stripe: os.Getenv("STRIPE_SECRET"), Relay: secret,
	}, map[string]string{"github": "http://localhost:8081/credits", "stripe": "http://localhost:8081/charges"}, log)

	bill := billing.New(rdb, db, secret, log)
	g := gin.New()
	audit.New(db, dedup.NewRedis(rdb, "audit:"), secret, log).Register(g.Group("/audit"))
	e := echo.New()
	nt := notify.New(dedup.NewRedis(rdb, "notify:"), logSender{log}, secret, log)
	nt.Routes(e)
	go nt.Janitor(ctx)
	_ = ledger.NewProjection(dedup.NewRedis(rdb, "proj:"), log, func(context.Context, client.Envelope) error { return nil })

	mux := http.NewServeMux()
	mux.Handle("/", in.Handler())
	mux.Handle("/billing/", http.StripPrefix("/billing", bill.Routes()))
	mux.Handle("/audit/", g)
	mux.Handle("/notify/", e)
	mux.Handle("/ledger/", http.StripPrefix("/ledger", ledger.NewAPI(db, log).Routes()))
	mux.Handle("/reports/", http.StripPrefix("/reports", reports.New(rdb, db, log).Routes()))
	mux.Handle("/api/", http.StripPrefix("/api", publicapi.New(rdb, db, log).Routes()))

	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Error("serve", "err", err)
	}
}
