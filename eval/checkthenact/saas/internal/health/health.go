// Package health has the readiness checks.
package health

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Checker checks dependencies.
type Checker struct {
	rdb redis.UniversalClient
	db  *sql.DB
}

// New returns a Checker.
func New(rdb redis.UniversalClient, db *sql.DB) *Checker { return &Checker{rdb: rdb, db: db} }

// Redis writes a probe, reads it back and compares.
func (c *Checker) Redis(ctx context.Context) error {
	host, _ := os.Hostname()
	k := "health:" + host
	want := strconv.FormatInt(time.Now().UnixNano(), 10)
	if err := c.rdb.Set(ctx, k, want, time.Minute).Err(); err != nil {
		return err
	}
	got, err := c.rdb.Get(ctx, k).Result()
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("health: read %q, wrote %q", got, want)
	}
	return nil
}

// Postgres runs a trivial query.
func (c *Checker) Postgres(ctx context.Context) error {
	var one int
	return c.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

// Heartbeat records when this instance was last healthy, keeping the first-seen time.
func (c *Checker) Heartbeat(ctx context.Context) error {
	host, _ := os.Hostname()
	k := "instances:" + host
	if _, err := c.rdb.HSetNX(ctx, k, "first_seen", time.Now().Unix()).Result(); err != nil {
		return err
	}
	return c.rdb.HSet(ctx, k, "last_seen", time.Now().Unix()).Err()
}
