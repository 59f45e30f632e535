// Command marketplace runs the HTTP APIs, the webhook receivers and the
// consumers in one binary.
package main

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"os"
	"os/signal"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/go-redsync/redsync/v4"
	"github.com/go-redsync/redsync/v4/redis/goredis/v9"
	"github.com/hibiken/asynq"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats.go"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"

	"example.com/marketplace/checkout"
	"example.com/marketplace/internal/config"
	"example.com/marketplace/internal/dedup"
	"example.com/marketplace/internal/httpclient"
	"example.com/marketplace/inventory"
	"example.com/marketplace/notifications"
	"example.com/marketplace/orders"
	"example.com/marketplace/partners"
	"example.com/marketplace/payments"
	"example.com/marketplace/payouts"
	"example.com/marketplace/webhooks"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg := config.FromEnv()

	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{os.Getenv("REDIS_ADDR")}})
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	sqldb, err := sql.Open("pgx", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	store := dedup.New(rdb, "mkt:", cfg.DedupTTL)
	pay := httpclient.New(cfg.PaymentsBaseURL, cfg.MaxRetries)

	api := chi.NewRouter()
	checkout.NewHandler(pool, rdb, pay).Routes(api)
	api.Mount("/", webhooks.NewServer(sqldb, rdb, cfg).Routes())

	g := gin.New()
	partners.NewAPI(pool, rdb).Register(g)

	nc, err := nats.Connect(os.Getenv("NATS_URL"))
	if err != nil {
		log.Fatal(err)
	}
	rs := redsync.New(goredis.NewPool(rdb))
	if err := inventory.NewService(rdb, rs, nc).Subscribe(); err != nil {
		log.Fatal(err)
	}

	conn, err := amqp.Dial(os.Getenv("AMQP_URL"))
	if err != nil {
		log.Fatal(err)
	}
	ch, err := conn.Channel()
	if err != nil {
		log.Fatal(err)
	}
	refunds := payments.NewRefundWorker(ch, rdb)
	go refunds.RunReturns(ctx)
	go refunds.RunSupport(ctx)
	go refunds.RunPartial(ctx)

	w := &kafka.Writer{Addr: kafka.TCP(os.Getenv("KAFKA_ADDR")), Topic: "seller.events"}
	oc := orders.NewConsumer(pool, store, w, cfg.LogisticsBaseURL)
	go oc.RunPlaced(ctx, kafka.NewReader(kafka.ReaderConfig{Brokers: []string{os.Getenv("KAFKA_ADDR")}, GroupID: "orders", Topic: "order.placed"}))

	nw := notifications.NewWorker(sqs.New(sqs.Options{Region: "eu-west-1"}), os.Getenv("NOTIFY_QUEUE"), rdb, store, notifications.Mailer{Addr: os.Getenv("SMTP_ADDR")})
	go nw.Run(ctx)

	srv := asynq.NewServer(asynq.RedisClientOpt{Addr: os.Getenv("REDIS_ADDR")}, asynq.Config{Concurrency: 10})
	mux := asynq.NewServeMux()
	payouts.NewHandlers(sqldb, rdb, asynq.NewClient(asynq.RedisClientOpt{Addr: os.Getenv("REDIS_ADDR")})).Register(mux)
	go srv.Run(mux)

	go http.ListenAndServe(":8081", g)
	log.Fatal(http.ListenAndServe(":8080", api))
}
