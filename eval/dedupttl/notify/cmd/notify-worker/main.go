// Command notify-worker runs the consumers and the digest scheduler.
package main

import (
	"context"
	"log"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"

	"example.com/notify/internal/config"
	"example.com/notify/internal/consumer"
	"example.com/notify/internal/dedup"
	"example.com/notify/internal/digest"
	"example.com/notify/internal/legacy"
	"example.com/notify/internal/push"
)

const cleanupClaimTTL = 45 * time.Minute

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := config.Load()
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))

	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{cfg.RedisAddr}})
	pool := &redigo.Pool{
		MaxIdle:     16,
		IdleTimeout: 5 * time.Minute,
		Dial:        func() (redigo.Conn, error) { return redigo.Dial("tcp", cfg.RedisAddr) },
	}
	gw := &push.Gateway{URL: os.Getenv("PUSH_GATEWAY_URL"), HTTP: &http.Client{Timeout: 10 * time.Second}}

	orders := &consumer.OrderNotifier{
		Reader: kafka.NewReader(kafka.ReaderConfig{Brokers: cfg.KafkaBrokers, GroupID: "notify-orders", Topic: "orders.status.v1"}),
		RDB:    rdb,
		Push:   gw,
		Cfg:    cfg,
		Log:    logger,
	}
	go func() {
		if err := orders.Run(ctx); err != nil {
			logger.Error("orders", "err", err)
		}
	}()

	fan := &push.Fanout{
		RDB:    rdb,
		Sender: gw,
		Claims: &dedup.Store{RDB: rdb, Prefix: "bc:", TTL: cfg.DedupTTL},
		Cfg:    cfg,
		Log:    logger,
	}
	marketing := &push.Fanout{
		RDB:    rdb,
		Sender: gw,
		Claims: &dedup.Store{RDB: rdb, Prefix: "mkt:", TTL: 2 * time.Hour}, // AMBIG: dedupttl
		Cfg:    cfg,
		Log:    logger,
	}
	_, _ = fan, marketing

	conn, err := amqp.Dial(cfg.AMQPURL)
	if err != nil {
		log.Fatal(err)
	}
	ch, err := conn.Channel()
	if err != nil {
		log.Fatal(err)
	}
	emails, err := ch.Consume("notify.email", "notify-worker", false, false, false, false, nil)
	if err != nil {
		log.Fatal(err)
	}
	ew := &consumer.EmailWorker{Pool: pool, Log: logger}
	go ew.Consume(ctx, emails)

	sms, err := ch.Consume("notify.sms", "notify-worker", false, false, false, false, nil)
	if err != nil {
		log.Fatal(err)
	}
	gwSMS := &legacy.Gateway{Pool: pool, Log: logger, RetentionSeconds: cfg.TTLSeconds}
	go gwSMS.ConsumeConfigured(ctx, sms)

	sched := &digest.Scheduler{RDB: rdb, Log: logger}
	t := time.NewTicker(5 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := sched.Tick(ctx); err != nil {
				logger.Error("digest tick", "err", err)
			}
			cleanup(ctx, rdb, logger)
		}
	}
}

// cleanup purges expired device tokens; each hour's purge runs on one replica.
func cleanup(ctx context.Context, rdb redis.UniversalClient, logger *slog.Logger) {
	hour := time.Now().UTC().Format("2006010215")
	ok, err := rdb.SetNX(ctx, "cleanup:tokens:"+hour, 1, cleanupClaimTTL).Result() // AMBIG: dedupttl
	if err != nil || !ok {
		return
	}
	n, err := rdb.ZRemRangeByScore(ctx, "push:tokens:by-seen", "-inf", strconv.FormatInt(time.Now().Add(-90*24*time.Hour).Unix(), 10)).Result()
	if err != nil {
		logger.Error("cleanup", "err", err)
		return
	}
	logger.Info("cleanup", "removed", n)
}
