// Command worker consumes domain events from Redis streams and applies them.
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"example.com/evalcorpus/internal/store"
)

type worker struct {
	rdb   redis.UniversalClient
	st    *store.Store
	pool  *pgxpool.Pool
	group string
	name  string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{os.Getenv("REDIS_ADDR")}})
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		slog.Error("connect postgres", "err", err)
		os.Exit(1)
	}
	defer pool.Close()

	w := &worker{rdb: rdb, st: store.New(rdb), pool: pool, group: "billing", name: hostname()}
	if err := w.run(ctx, "events:billing"); err != nil && ctx.Err() == nil {
		slog.Error("worker stopped", "err", err)
		os.Exit(1)
	}
}

func hostname() string {
	h, _ := os.Hostname()
	return h
}

func (w *worker) run(ctx context.Context, stream string) error {
	for ctx.Err() == nil {
		res, err := w.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{
			Group:    w.group,
			Consumer: w.name,
			Streams:  []string{stream, ">"},
			Count:    50,
			Block:    5 * time.Second,
		}).Result()
		if err == redis.Nil {
			continue
		}
		if err != nil {
			return err
		}
		for _, s := range res {
			for _, msg := range s.Messages {
				if err := w.dispatch(ctx, msg); err != nil {
					slog.WarnContext(ctx, "handle message", "id", msg.ID, "err", err)
					continue // left pending, redelivered by XAUTOCLAIM
				}
				w.rdb.XAck(ctx, stream, w.group, msg.ID)
			}
		}
	}
	return ctx.Err()
}

func (w *worker) dispatch(ctx context.Context, msg redis.XMessage) error {
	typ, _ := msg.Values["type"].(string)
	switch typ {
	case "invoice.paid":
		return w.handleInvoicePaid(ctx, msg)
	case "invoice.voided":
		return w.handleInvoiceVoided(ctx, msg)
	case "subscription.renewed":
		return w.handleRenewal(ctx, msg)
	case "credit.granted":
		return w.handleCreditGranted(ctx, msg)
	case "points.earned":
		return w.handlePointsEarned(ctx, msg)
	case "points.earned.v2":
		return w.handlePointsEarnedAtomic(ctx, msg)
	case "refund.issued":
		return w.handleRefundIssued(ctx, msg)
	case "chargeback.issued":
		return w.handleChargebackIssued(ctx, msg)
	case "dispute.closed":
		return w.handleDisputeClosed(ctx, msg)
	case "invoice.reminder":
		return w.handleReminder(ctx, msg)
	}
	return nil
}
