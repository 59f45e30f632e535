// Command orders-worker runs every asynchronous consumer of the order service.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/IBM/sarama"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
	"github.com/stripe/stripe-go/v82"

	"example.com/orders/internal/api"
	"example.com/orders/internal/dedup"
	"example.com/orders/internal/events"
	"example.com/orders/internal/jobs"
	"example.com/orders/internal/kafkaworkers"
	"example.com/orders/internal/loyalty"
	"example.com/orders/internal/mailer"
	"example.com/orders/internal/notify"
	"example.com/orders/internal/refunds"
	"example.com/orders/internal/stock"
	"example.com/orders/internal/store"
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func must[T any](v T, err error) T {
	if err != nil {
		slog.Error("startup", "err", err)
		os.Exit(1)
	}
	return v
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewJSONHandler(os.Stdout, nil))

	pool := must(pgxpool.New(ctx, env("DATABASE_URL", "postgres://localhost/orders")))
	db := must(sql.Open("pgx", env("DATABASE_URL", "postgres://localhost/orders")))
	rdb := redis.NewClient(&redis.Options{Addr: env("REDIS_ADDR", "localhost:6379")})
	brokers := strings.Split(env("KAFKA_BROKERS", "localhost:9092"), ",")

	orders := store.NewOrderRepo(pool)
	ledger := store.NewLedger(db)
	claims := dedup.New(rdb, 7*24*time.Hour)
	mail := notify.NewClient(env("NOTIFY_URL", "http://notify.internal"))

	payments := &kafkaworkers.PaymentsConsumer{
		Reader:  kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, GroupID: "orders-payments", Topic: "payments.captured"}),
		Review:  &kafka.Writer{Addr: kafka.TCP(brokers...), Topic: "payments.review"},
		Pool:    pool,
		Orders:  orders,
		Ledger:  ledger,
		Claims:  claims,
		History: orders,
		Log:     log,
	}
	go payments.Run(ctx)
	go payments.RunSettlements(ctx)
	go payments.RunFraudSignals(ctx)
	shipments := kafkaworkers.NewShipmentsConsumer(brokers, rdb, orders, mail, claims, dedup.NewInbox(pool, "shipments"), log)
	go shipments.Run(ctx)
	go shipments.RunCarrierFeed(ctx)

	// Cancellations come straight from the storefront topic.
	go func() {
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, GroupID: "orders-cancel", Topic: "orders.cancelled"})
		defer r.Close()
		for {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				return
			}
			var c struct {
				OrderID string `json:"order_id"`
			}
			if json.Unmarshal(m.Value, &c) != nil {
				continue
			}
			if err := orders.SetShipmentStatus(ctx, c.OrderID, "cancelled"); err != nil {
				log.Error("cancel", "err", err)
				continue
			}
			_ = orders.ReleaseReservations(ctx, c.OrderID)
		}
	}()

	scfg := sarama.NewConfig()
	scfg.Consumer.Offsets.Initial = sarama.OffsetOldest
	scfg.Producer.Return.Successes = true
	group := must(sarama.NewConsumerGroup(brokers, "orders-stock", scfg))
	producer := must(sarama.NewSyncProducer(brokers, scfg))
	go func() {
		moves := &stock.MovesHandler{DB: db, Log: log}
		for ctx.Err() == nil {
			if err := group.Consume(ctx, []string{"stock.moves"}, moves); err != nil {
				log.Error("stock group", "err", err)
			}
		}
	}()
	go func() {
		h := &stock.ReservationsHandler{RDB: rdb, Producer: producer, Log: log}
		for ctx.Err() == nil {
			_ = group.Consume(ctx, []string{"orders.placed"}, h)
		}
	}()

	amqpConn := must(amqp.Dial(env("AMQP_URL", "amqp://guest:guest@localhost:5672/")))
	mc := mailer.New(amqpConn, rdb, db, mail, claims, ledger, log)
	go mc.RunWelcome(ctx)
	go mc.RunReceipts(ctx)

	nc := must(nats.Connect(env("NATS_URL", nats.DefaultURL)))
	defer nc.Drain()
	loy := loyalty.NewSubscriber(nc, rdb, ledger, claims, log)
	if err := loy.Start(); err != nil {
		log.Error("loyalty", "err", err)
		os.Exit(1)
	}
	_, _ = nc.Subscribe("orders.cancelled", func(m *nats.Msg) {
		var c struct {
			OrderID    string `json:"order_id"`
			CustomerID string `json:"customer_id"`
		}
		if err := json.Unmarshal(m.Data, &c); err != nil {
			return
		}
		cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		if err := rdb.Del(cctx, "cart:"+c.CustomerID).Err(); err != nil {
			log.Warn("cart", "err", err)
		}
		_ = orders.ReleaseReservations(cctx, c.OrderID)
	})
	_, _ = nc.QueueSubscribe("orders.flagged", "orders-worker", func(m *nats.Msg) {
		cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		rdb.LPush(cctx, "support:flagged", string(m.Data)) // BUG: missingkey
		rdb.LTrim(cctx, "support:flagged", 0, 999)
	})

	js := must(jetstream.New(nc))
	archive := must(js.CreateOrUpdateConsumer(ctx, "ORDERS", jetstream.ConsumerConfig{
		Durable:       "orders-archive",
		FilterSubject: "orders.placed",
		AckPolicy:     jetstream.AckExplicitPolicy,
	}))
	cc := must(archive.Consume(func(msg jetstream.Msg) {
		_, o, err := events.Decode[events.OrderPlaced](msg.Data())
		if err != nil {
			_ = msg.Term()
			return
		}
		if err := orders.Create(ctx, o); err != nil { // BUG: missingkey
			_ = msg.Nak()
			return
		}
		_ = msg.Ack()
	}))
	defer cc.Stop()

	awsCfg := must(config.LoadDefaultConfig(ctx))
	rw := &refunds.Worker{
		SQS:        sqs.NewFromConfig(awsCfg),
		Stripe:     stripe.NewClient(os.Getenv("STRIPE_SECRET_KEY")),
		Orders:     orders,
		RefundsURL: os.Getenv("REFUNDS_QUEUE_URL"),
		PayoutsURL: os.Getenv("PAYOUTS_QUEUE_URL"),
		StatusURL:  os.Getenv("STATUS_QUEUE_URL"),
		AuditURL:   os.Getenv("AUDIT_QUEUE_URL"),
		Log:        log,
	}
	go rw.PollRefunds(ctx)
	go rw.PollPayouts(ctx)
	go rw.PollStatus(ctx)

	go (&jobs.Reconciler{Pool: pool, RDB: rdb, Log: log}).Run(ctx, time.Hour)

	srv := &http.Server{Addr: ":8080", Handler: (&api.Server{Orders: orders, Pool: pool, Events: payments.Review, Log: log}).Routes()}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Error("http", "err", err)
	}
}
