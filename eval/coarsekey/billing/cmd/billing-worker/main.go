// Command billing-worker runs the consumers and the nightly jobs.
package main

import (
	"context"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	"github.com/jackc/pgx/v5/pgxpool"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
	"github.com/stripe/stripe-go/v82"

	"example.com/billing/internal/consumer"
	"example.com/billing/internal/dedup"
	"example.com/billing/internal/dunning"
	"example.com/billing/internal/ledger"
	"example.com/billing/internal/payments"
	"example.com/billing/internal/platform"
)

type overageRow struct {
	CustomerID    string
	PaymentMethod string
	Cents         int64
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))

	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{os.Getenv("REDIS_ADDR")}})
	pool := &redigo.Pool{
		MaxIdle:     8,
		IdleTimeout: 4 * time.Minute,
		Dial:        func() (redigo.Conn, error) { return redigo.Dial("tcp", os.Getenv("REDIS_ADDR")) },
	}
	db, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	sc := stripe.NewClient(os.Getenv("STRIPE_SECRET_KEY"))
	pay := &payments.Service{SC: sc, Clock: platform.System, Log: logger}
	_ = &ledger.Ledger{DB: db, Clock: platform.System}
	_ = &dunning.Notifier{Once: dedup.New(rdb, "billing:"), Clock: platform.System, Log: logger}

	usage := &consumer.UsageConsumer{
		Reader: kafka.NewReader(kafka.ReaderConfig{
			Brokers: []string{os.Getenv("KAFKA_BROKER")},
			GroupID: "billing-usage",
			Topic:   "metering.usage.v2",
		}),
		RDB: rdb,
		Log: logger,
	}
	go func() {
		if err := usage.RunByEvent(ctx); err != nil {
			logger.Error("usage consumer", "err", err)
		}
	}()

	conn, err := amqp.Dial(os.Getenv("AMQP_URL"))
	if err != nil {
		log.Fatal(err)
	}
	ch, err := conn.Channel()
	if err != nil {
		log.Fatal(err)
	}
	rw, err := consumer.NewReceiptWorker(ch, pool, rdb, nil, logger)
	if err != nil {
		log.Fatal(err)
	}
	go rw.RunByMessageID(ctx)

	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			rows, err := loadOverage(ctx, db)
			if err != nil {
				logger.Error("overage", "err", err)
				continue
			}
			for _, r := range rows {
				if _, err := pay.ChargeSubscriptionOverage(ctx, payments.ChargeRequest{
					CustomerID:    r.CustomerID,
					PaymentMethod: r.PaymentMethod,
					AmountCents:   r.Cents,
					Currency:      "eur",
					At:            time.Now(),
				}); err != nil {
					logger.Error("overage charge", "customer", r.CustomerID, "err", err)
				}
			}
		}
	}
}

func loadOverage(ctx context.Context, db *pgxpool.Pool) ([]overageRow, error) {
	rows, err := db.Query(ctx, `SELECT customer_id, payment_method, cents FROM overage_due WHERE charged_at IS NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []overageRow
	for rows.Next() {
		var r overageRow
		if err := rows.Scan(&r.CustomerID, &r.PaymentMethod, &r.Cents); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
