// Command shop runs the shop's consumers and webhook endpoints.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/segmentio/kafka-go"

	"example.com/shop/internal/api"
	"example.com/shop/internal/cart"
	"example.com/shop/internal/catalog"
	"example.com/shop/internal/config"
	"example.com/shop/internal/consumers"
	"example.com/shop/internal/dedup"
	"example.com/shop/internal/giftcards"
	"example.com/shop/internal/inbox"
	"example.com/shop/internal/loyalty"
	"example.com/shop/internal/notify"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/platform"
	"example.com/shop/internal/promo"
	"example.com/shop/internal/reviews"
	"example.com/shop/internal/shipping"
	"example.com/shop/internal/webhooks"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		slog.Error("shop", "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg := config.Load()
	cl, err := platform.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer cl.Close(context.Background())

	mailer := &notify.Mailer{Addr: "mail-relay.internal:25", From: "shop@shop.example"}
	gw := notify.NewGateway(cfg.LedgerURL)
	ib := inbox.New(cl.DB)
	dd := dedup.New(cl.Redis, cfg.DedupTTLSeconds)
	ordersSvc := orders.NewService(orders.NewRepository(cl.DB), cl.DB, gw)
	inv := catalog.NewInventory(cl.Mongo)
	cards := giftcards.NewService(cl.Dynamo, cfg.GiftCardsTable, "giftcard_issuances")
	carrier := &shipping.CarrierClient{URL: "https://carrier.example/api", HTTP: &http.Client{Timeout: 10 * time.Second}}
	labels := shipping.NewLabels(cl.Dynamo, cfg.ShipmentsTable, carrier)
	tracker := &shipping.Tracker{DDB: cl.Dynamo, Table: "shipment_scans", Mailer: mailer}

	reader := kafka.NewReader(kafka.ReaderConfig{Brokers: cfg.KafkaBrokers, GroupID: "shop", Topic: "orders"})
	defer reader.Close()
	writer := &kafka.Writer{Addr: kafka.TCP(cfg.KafkaBrokers...), Topic: "refunds", RequiredAcks: kafka.RequireAll}
	defer writer.Close()

	conn, err := amqp.Dial(cfg.AMQPURL)
	if err != nil {
		return err
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return err
	}

	orderConsumer := consumers.NewOrderConsumer(reader, dd, ib, cl.Redis, cfg.LedgerURL)
	stockConsumer := consumers.NewStockConsumer(ch, "warehouse.stock", inv, dd, cl.Redis)
	payments := &consumers.PaymentsConsumer{
		SQS: cl.SQS, QueueURL: cfg.SQSQueueURL, DB: cl.DB, DDB: cl.Dynamo, EventsTable: cfg.EventsTable,
		Cards: cards, KV: cl.Valkey, Failures: cl.Mongo.Collection("payment_failures"), Mail: mailer, LedgerURL: cfg.LedgerURL,
	}
	go func() { _ = orderConsumer.Run(ctx) }()
	go func() { _ = stockConsumer.Run(ctx) }()
	go func() { _ = payments.Run(ctx) }()

	mux := http.NewServeMux()
	webhooks.NewPayments(cfg.WebhookSecret, cl.Valkey, cl.Redis, ordersSvc, ib, writer, gw, cfg.LedgerURL, "https://fraud-partner.example").Register(mux)
	engine := gin.New()
	webhooks.NewCarrier(tracker, labels, mailer, cl.Mongo).Mount(engine)
	apiSrv := &api.Server{
		Carts:   cart.New(cl.Valkey),
		Promo:   &promo.Store{DB: cl.DB},
		Cards:   cards,
		Loyalty: loyalty.NewProgram(cl.Mongo),
		Reviews: reviews.NewRequester(cl.Mongo, mailer),
		Orders:  ordersSvc,
	}
	apiSrv.Routes(engine)

	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	gsrv := &http.Server{Addr: ":8081", Handler: engine, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		_ = gsrv.Shutdown(sctx)
	}()
	go func() { _ = gsrv.ListenAndServe() }()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
