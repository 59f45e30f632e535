package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// ConfigCache caches feature/config values loaded from the settings table.
type ConfigCache struct {
	rdb redis.UniversalClient
	db  *sql.DB
}

func NewConfigCache(rdb redis.UniversalClient, db *sql.DB) *ConfigCache {
	return &ConfigCache{rdb: rdb, db: db}
}

func configKey(tenant, name string) string {
	return fmt.Sprintf("cfg:%s:%s", tenant, name)
}

// Value returns the config value, read-through with a 5 minute TTL.
func (c *ConfigCache) Value(ctx context.Context, tenant, name string) (string, error) {
	v, err := c.rdb.Get(ctx, configKey(tenant, name)).Result()
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	err = c.db.QueryRowContext(ctx,
		`SELECT value FROM settings WHERE tenant_id = $1 AND name = $2`, tenant, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		v = ""
	} else if err != nil {
		return "", err
	}
	c.rdb.Set(ctx, configKey(tenant, name), v, 5*time.Minute)
	return v, nil
}

// LastReload reads when config was last reloaded and records a new reload time
// under a separate key; the read does not gate the write of the same key.
func (c *ConfigCache) LastReload(ctx context.Context, tenant string) (time.Time, error) {
	prev, err := c.rdb.Get(ctx, "cfg:reloaded:"+tenant).Time()
	if err != nil && !errors.Is(err, redis.Nil) {
		return time.Time{}, err
	}
	if err := c.rdb.Set(ctx, "cfg:reload-requested:"+tenant, time.Now(), time.Hour).Err(); err != nil {
		return time.Time{}, err
	}
	return prev, nil
}

// RecordVersion logs the previous version for audit and stores the new one
// unconditionally; the read only feeds error handling and a return value.
func (c *ConfigCache) RecordVersion(ctx context.Context, tenant string, version int) (string, error) {
	key := "cfg:version:" + tenant
	prev, err := c.rdb.Get(ctx, key).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", err
	}
	if err := c.rdb.Set(ctx, key, version, 0).Err(); err != nil {
		return "", err
	}
	return prev, nil
}
