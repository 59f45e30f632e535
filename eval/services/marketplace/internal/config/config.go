// Package config holds the marketplace's runtime settings and the retention
// windows every dedup marker and cache entry is written with.
package config

import (
	"os"
	"time"
)

const (
	// DedupWindow outlives every redelivery window we know of: Kafka consumer
	// restarts, SQS visibility timeouts, Stripe's three days of webhook retries.
	DedupWindow = 72 * time.Hour

	// ShortDedupWindow was introduced for the e-mail fan-out to keep Redis small.
	ShortDedupWindow = 15 * time.Minute

	// CacheTTL is for read-through caches of catalog data.
	CacheTTL = 5 * time.Minute

	// LockTTL bounds how long a crashed worker can hold a lock.
	LockTTL = 30 * time.Second
)

// Config is loaded once at start-up and passed to constructors.
type Config struct {
	PaymentsBaseURL  string
	LogisticsBaseURL string
	NotifyBaseURL    string
	StripeSecret     string
	StripeWebhookKey string
	ShopifySecret    string
	DedupTTL         time.Duration
	SessionTTL       time.Duration
	MaxRetries       int
}

// FromEnv reads the configuration from the environment.
func FromEnv() Config {
	return Config{
		PaymentsBaseURL:  os.Getenv("PAYMENTS_URL"),
		LogisticsBaseURL: os.Getenv("LOGISTICS_URL"),
		NotifyBaseURL:    os.Getenv("NOTIFY_URL"),
		StripeSecret:     os.Getenv("STRIPE_SECRET"),
		StripeWebhookKey: os.Getenv("STRIPE_WEBHOOK_SECRET"),
		ShopifySecret:    os.Getenv("SHOPIFY_SECRET"),
		DedupTTL:         DedupWindow,
		SessionTTL:       30 * time.Minute,
		MaxRetries:       3,
	}
}
