// Command fleetd runs the fleet API, the webhook receiver, the queue consumers,
// the asynq worker and the cron scheduler (one binary, flags pick the role).
package main

import (
	"context"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/hibiken/asynq"

	"example.com/fleet/internal/consumer"
	"example.com/fleet/internal/cron"
	"example.com/fleet/internal/drivers"
	"example.com/fleet/internal/platform"
	"example.com/fleet/internal/ratelimit"
	"example.com/fleet/internal/tasks"
	"example.com/fleet/internal/trips"
	"example.com/fleet/internal/webhooks"
)

func main() {
	role := flag.String("role", "api", "api | worker | consumer | cron")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stdout, nil)))
	if err := platform.Init(ctx); err != nil {
		slog.Error("init failed", "err", err)
		os.Exit(1)
	}
	switch *role {
	case "api":
		mux := http.NewServeMux()
		mux.HandleFunc("POST /v1/trips/accept", trips.HandleAccept)
		mux.HandleFunc("POST /v1/trips/arrive", trips.HandleArrive)
		mux.HandleFunc("POST /v1/trips/start", trips.HandleStart)
		mux.HandleFunc("POST /v1/trips/complete", trips.HandleComplete)
		mux.HandleFunc("POST /v1/trips/cancel", trips.HandleCancel)
		mux.HandleFunc("POST /internal/onboarding/complete", drivers.CompleteOnboarding)
		webhooks.Routes(mux)
		srv := &http.Server{Addr: ":8080", Handler: ratelimit.Middleware(mux), ReadHeaderTimeout: 5 * time.Second}
		go func() { <-ctx.Done(); _ = srv.Shutdown(context.Background()) }()
		if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			slog.Error("server failed", "err", err)
		}
	case "worker":
		srv := asynq.NewServer(asynq.RedisClientOpt{Addr: os.Getenv("REDIS_ADDR")}, asynq.Config{Concurrency: 20})
		if err := srv.Run(tasks.Mux()); err != nil {
			slog.Error("worker failed", "err", err)
		}
	case "consumer":
		var q consumer.Queue // wired by the queue adapter (omitted)
		if q == nil {
			slog.Error("no queue configured")
			return
		}
		consumer.Run(ctx, q, 8, consumer.HandleTripCompleted)
	case "cron":
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				cron.ExpireStaleTrips(ctx)
				cron.DailyPayoutJob(ctx)
				cron.InvoiceRunJob(ctx)
				cron.RefreshDailyStats(ctx)
				cron.WeeklyBonusSweep(ctx)
			}
		}
	}
}
