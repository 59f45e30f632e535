// Package platform holds the process-wide clients. Everything here is set up
// once at start-up and then used from everywhere (yes, globals; we know).
package platform

import (
	"context"
	"database/sql"
	"log/slog"
	"os"
	"time"

	"github.com/bsm/redislock"
	"github.com/go-redsync/redsync/v4"
	"github.com/go-redsync/redsync/v4/redis/goredis/v9"
	redigo "github.com/gomodule/redigo/redis"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/lib/pq"
)

var (
	// RDB is the main Redis (trip state, dedup markers, counters).
	RDB *redis.Client
	// Cache is the cluster-or-single cache used by the driver service.
	Cache redis.UniversalClient
	// Pool is the legacy redigo pool the surge/pricing code still uses.
	Pool *redigo.Pool
	// DB is the Postgres primary (trips, payouts, webhooks).
	DB *sql.DB
	// MyDB is the legacy MySQL billing database.
	MyDB *sql.DB
	// PG is the pgx pool used by the earnings service.
	PG *pgxpool.Pool
	// Locker gives distributed mutexes (redsync).
	Locker *redsync.Redsync
	// Locks is the bsm/redislock client used by cron jobs.
	Locks *redislock.Client
)

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// Init connects everything. Called from main before serving.
func Init(ctx context.Context) error {
	RDB = redis.NewClient(&redis.Options{Addr: env("REDIS_ADDR", "localhost:6379")})
	Cache = redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{env("CACHE_ADDR", "localhost:6380")}})
	Pool = &redigo.Pool{
		MaxIdle:     10,
		IdleTimeout: 240 * time.Second,
		Dial: func() (redigo.Conn, error) {
			return redigo.Dial("tcp", env("LEGACY_REDIS_ADDR", "localhost:6381"))
		},
	}
	var err error
	DB, err = sql.Open("postgres", env("DATABASE_URL", "postgres://localhost/fleet?sslmode=disable"))
	if err != nil {
		return err
	}
	MyDB, err = sql.Open("mysql", env("BILLING_DSN", "root@tcp(localhost:3306)/billing"))
	if err != nil {
		return err
	}
	PG, err = pgxpool.New(ctx, env("EARNINGS_DATABASE_URL", "postgres://localhost/earnings"))
	if err != nil {
		return err
	}
	Locker = redsync.New(goredis.NewPool(RDB))
	Locks = redislock.New(RDB)
	slog.Info("platform initialised")
	return nil
}
