// Package config loads notify's settings from the environment.
package config

import (
	"os"
	"strconv"
	"time"
)

// DefaultDedupTTL is how long a delivered notification is remembered when the
// environment does not say otherwise.
const DefaultDedupTTL = 6 * time.Hour

// ReplayWindow is how long webhook replays are rejected.
const ReplayWindow = 72 * time.Hour

// Config holds runtime settings.
type Config struct {
	RedisAddr    string
	KafkaBrokers []string
	AMQPURL      string
	DedupTTL     time.Duration
	LockTTL      time.Duration
	TTLSeconds   int
}

// Load reads the environment.
func Load() Config {
	c := Config{
		RedisAddr:    getenv("REDIS_ADDR", "localhost:6379"),
		KafkaBrokers: []string{getenv("KAFKA_BROKER", "localhost:9092")},
		AMQPURL:      getenv("AMQP_URL", "amqp://guest:guest@localhost:5672/"),
		DedupTTL:     48 * time.Hour,
		LockTTL:      30 * time.Second,
		TTLSeconds:   172800,
	}
	if v, err := time.ParseDuration(os.Getenv("DEDUP_TTL")); err == nil {
		c.DedupTTL = v
	}
	if v, err := strconv.Atoi(os.Getenv("DEDUP_TTL_SECONDS")); err == nil {
		c.TTLSeconds = v
	}
	return c
}

func getenv(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
