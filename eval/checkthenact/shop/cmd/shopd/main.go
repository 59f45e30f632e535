// Command shopd runs the shop's consumers.
package main

import (
	"context"
	"database/sql"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/nats-io/nats.go"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
	"golang.org/x/sync/errgroup"

	"example.com/shop/internal/cache"
	"example.com/shop/internal/consumers"
	"example.com/shop/internal/inventory"
	"example.com/shop/internal/ledger"
	"example.com/shop/internal/notify"
	"example.com/shop/internal/orders/service"
)

type catalog struct{ db *sqlx.DB }

func (c catalog) LoadProduct(ctx context.Context, sku string) (inventory.Product, error) {
	var p inventory.Product
	err := c.db.QueryRowxContext(ctx, `SELECT sku, name, price_cents FROM products WHERE sku = $1`, sku).Scan(&p.SKU, &p.Name, &p.Price)
	return p, err
}

type nopMailer struct{}

func (nopMailer) Send(context.Context, string, string, string) error { return nil }
func (nopMailer) Push(context.Context, string, string) error         { return nil }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))

	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	pg, err := sql.Open("pgx", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	legacy, err := sql.Open("mysql", os.Getenv("COUPONS_DSN"))
	if err != nil {
		log.Fatal(err)
	}
	x := sqlx.NewDb(pg, "pgx")

	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{os.Getenv("REDIS_ADDR")}})
	cluster := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{os.Getenv("REDIS_CLUSTER")}})

	svc := service.New(pool, logger)
	inv := inventory.New(rdb, cluster, catalog{x}, logger)
	notif := notify.New(notify.NewPool(os.Getenv("REDIS_ADDR")), pg, nopMailer{}, nopMailer{}, logger)
	_ = ledger.New(pg, legacy, x)
	dedup := cache.NewDeduper(rdb, 72*time.Hour)

	reader := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{os.Getenv("KAFKA")}, GroupID: "orders", Topic: "payments.captured"})
	defer reader.Close()
	pay := consumers.NewPaymentConsumer(reader, svc, dedup, rdb, logger)

	conn, err := amqp.Dial(os.Getenv("AMQP_URL"))
	if err != nil {
		log.Fatal(err)
	}
	ch, err := conn.Channel()
	if err != nil {
		log.Fatal(err)
	}
	stock := consumers.NewStockConsumer(ch, inv, rdb, logger)

	nc, err := nats.Connect(os.Getenv("NATS_URL"))
	if err != nil {
		log.Fatal(err)
	}
	nc2 := consumers.NewNotifyConsumer(nc, notif, inv, dedup, logger)

	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return pay.RunClaimed(gctx) })
	g.Go(func() error { return stock.RunLua(gctx) })
	g.Go(func() error { return nc2.Start(gctx) })
	if err := g.Wait(); err != nil {
		logger.Error("stopped", "err", err)
	}
}
