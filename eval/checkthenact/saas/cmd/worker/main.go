// Command worker runs the background consumers.
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/saas/internal/jobs"
	"example.com/saas/internal/metrics"
	"example.com/saas/internal/presence"
	"example.com/saas/internal/ratelimit"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: strings.Split(os.Getenv("REDIS_ADDRS"), ",")})
	defer rdb.Close()
	m := metrics.New(rdb)
	pres := presence.New(rdb, time.Minute)
	rl := ratelimit.NewFixed(rdb, 100, time.Minute)

	var wg sync.WaitGroup
	wg.Go(func() {
		jobs.WorkSimple(ctx, rdb, func(ctx context.Context, j jobs.Job) error {
			if ok, _ := rl.Allow(ctx, "email"); !ok {
				time.Sleep(time.Second)
			}
			m.Count(ctx, "email."+j.Kind)
			return nil
		})
	})
	wg.Go(func() {
		t := time.NewTicker(20 * time.Second)
		defer t.Stop()
		host, _ := os.Hostname()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := pres.Heartbeat(ctx, "worker:"+host, "up"); err != nil {
					slog.Warn("heartbeat", "err", err)
				}
				warmup(ctx, rdb)
			}
		}
	})
	wg.Wait()
}

// warmup makes sure the shared lookup tables exist, seeding them on a fresh cluster.
func warmup(ctx context.Context, rdb redis.UniversalClient) {
	if rdb.Exists(ctx, "lookup:countries").Val() == 0 {
		rdb.SetNX(ctx, "lookup:countries", `["DE","FR","US"]`, 0)
	}
	if ok, _ := rdb.SIsMember(ctx, "lookup:currencies", "EUR").Result(); !ok {
		rdb.SAdd(ctx, "lookup:currencies", "EUR", "USD", "GBP") // AMBIG: checkthenact
	}
}
