// Package config reloads tenant configuration and feature flags.
package config

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"example.com/saas/internal/kv"
)

// Config is the runtime configuration.
type Config struct {
	Version  int64           `json:"version"`
	Limits   map[string]int  `json:"limits"`
	Features map[string]bool `json:"features"`
}

// Reloader polls a version key and swaps the config in place.
type Reloader struct {
	rdb     redis.UniversalClient
	pool    *pgxpool.Pool
	current atomic.Pointer[Config]
	byTen   sync.Map // tenant -> *Config
}

// NewReloader returns a Reloader.
func NewReloader(rdb redis.UniversalClient, pool *pgxpool.Pool) *Reloader {
	r := &Reloader{rdb: rdb, pool: pool}
	r.current.Store(&Config{})
	return r
}

// Current returns the active config.
func (r *Reloader) Current() *Config { return r.current.Load() }

// Run polls every interval until ctx ends.
func (r *Reloader) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := r.reloadOnce(ctx); err != nil {
				slog.Warn("config: reload", "err", err)
			}
		}
	}
}

func (r *Reloader) reloadOnce(ctx context.Context) error {
	v, err := r.rdb.Get(ctx, "config:version").Int64()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	if v == r.current.Load().Version {
		return nil
	}
	var raw []byte
	if err := r.pool.QueryRow(ctx, `SELECT body FROM configs WHERE version = $1`, v).Scan(&raw); err != nil {
		return err
	}
	var c Config
	if err := json.Unmarshal(raw, &c); err != nil {
		return err
	}
	r.current.Store(&c)
	return nil
}

// Tenant returns a tenant's config, cached in Redis for a minute (cache-aside via kv).
func (r *Reloader) Tenant(ctx context.Context, tenant string) (*Config, error) {
	if v, ok := r.byTen.Load(tenant); ok {
		return v.(*Config), nil
	}
	c, err := kv.GetOrLoad(ctx, r.rdb, "tenantcfg:"+tenant, time.Minute, func(ctx context.Context) (*Config, error) {
		var raw []byte
		if err := r.pool.QueryRow(ctx, `SELECT body FROM tenant_configs WHERE tenant = $1`, tenant).Scan(&raw); err != nil {
			return nil, err
		}
		var c Config
		return &c, json.Unmarshal(raw, &c)
	})
	if err != nil {
		return nil, err
	}
	r.byTen.Store(tenant, c)
	return c, nil
}

// Publish makes a new version current for every replica.
func (r *Reloader) Publish(ctx context.Context, c Config) error {
	b, _ := json.Marshal(c)
	if _, err := r.pool.Exec(ctx, `INSERT INTO configs (version, body) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING`, c.Version, b); err != nil {
		return err
	}
	return r.rdb.Set(ctx, "config:version", c.Version, 0).Err()
}

// Invalidate drops a tenant from the local and shared caches.
func (r *Reloader) Invalidate(ctx context.Context, tenant string) {
	r.byTen.Delete(tenant)
	r.rdb.Del(ctx, "tenantcfg:"+tenant)
}
