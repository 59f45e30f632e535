// Package config loads the service configuration from the environment.
package config

import (
	"os"
	"strconv"
	"time"
)

// Config is the runtime configuration of the shop services.
type Config struct {
	PostgresDSN   string
	MongoURI      string
	MongoDB       string
	RedisAddr     string
	ValkeyAddr    string
	KafkaBrokers  []string
	AMQPURL       string
	SQSQueueURL   string
	AWSRegion     string
	MailRelayURL  string
	LedgerURL     string
	WebhookSecret string

	// DedupTTLSeconds is how long a processed-event marker is kept.
	DedupTTLSeconds int64
	// CacheTTL is the lifetime of read-through cache entries.
	CacheTTL time.Duration

	ShipmentsTable string
	GiftCardsTable string
	EventsTable    string
}

// Load reads the configuration, falling back to development defaults.
func Load() Config {
	return Config{
		PostgresDSN:     env("SHOP_PG_DSN", "postgres://shop:shop@localhost:5432/shop?sslmode=disable"),
		MongoURI:        env("SHOP_MONGO_URI", "mongodb://localhost:27017"),
		MongoDB:         env("SHOP_MONGO_DB", "shop"),
		RedisAddr:       env("SHOP_REDIS_ADDR", "localhost:6379"),
		ValkeyAddr:      env("SHOP_VALKEY_ADDR", "localhost:6380"),
		KafkaBrokers:    []string{env("SHOP_KAFKA", "localhost:9092")},
		AMQPURL:         env("SHOP_AMQP_URL", "amqp://guest:guest@localhost:5672/"),
		SQSQueueURL:     env("SHOP_SQS_QUEUE", ""),
		AWSRegion:       env("AWS_REGION", "eu-west-1"),
		MailRelayURL:    env("SHOP_MAIL_RELAY", "http://mail-relay.internal/send"),
		LedgerURL:       env("SHOP_LEDGER_URL", "http://ledger.internal"),
		WebhookSecret:   env("SHOP_WEBHOOK_SECRET", ""),
		DedupTTLSeconds: envInt("SHOP_DEDUP_TTL_SECONDS", 7*24*3600),
		CacheTTL:        time.Duration(envInt("SHOP_CACHE_TTL_SECONDS", 300)) * time.Second,
		ShipmentsTable:  env("SHOP_SHIPMENTS_TABLE", "shipments"),
		GiftCardsTable:  env("SHOP_GIFTCARDS_TABLE", "gift_cards"),
		EventsTable:     env("SHOP_EVENTS_TABLE", "shop_events"),
	}
}

func env(k, def string) string {
	if v, ok := os.LookupEnv(k); ok {
		return v
	}
	return def
}

func envInt(k string, def int64) int64 {
	if v, ok := os.LookupEnv(k); ok {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n
		}
	}
	return def
}
