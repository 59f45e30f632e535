package config

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/singleflight"
)

// Flags evaluates feature flags stored in a Redis hash, loaded from Postgres on miss.
type Flags struct {
	rdb  *redis.Client
	pool *pgxpool.Pool
	sf   singleflight.Group
}

// NewFlags returns a Flags.
func NewFlags(rdb *redis.Client, pool *pgxpool.Pool) *Flags { return &Flags{rdb: rdb, pool: pool} }

// Enabled reports whether a flag is on for a tenant.
func (f *Flags) Enabled(ctx context.Context, tenant, flag string) (bool, error) {
	k := "flags:" + tenant
	s, err := f.rdb.HGet(ctx, k, flag).Result()
	if err == nil {
		return strconv.ParseBool(s)
	}
	if !errors.Is(err, redis.Nil) {
		return false, err
	}
	v, err, _ := f.sf.Do(k+"/"+flag, func() (any, error) {
		var on bool
		if err := f.pool.QueryRow(ctx, `SELECT enabled FROM tenant_flags WHERE tenant = $1 AND flag = $2`, tenant, flag).Scan(&on); err != nil {
			return false, err
		}
		f.rdb.HSet(ctx, k, flag, on)
		f.rdb.Expire(ctx, k, 5*time.Minute)
		return on, nil
	})
	if err != nil {
		return false, err
	}
	return v.(bool), nil
}

// Set changes a flag in the database and drops the cached field.
func (f *Flags) Set(ctx context.Context, tenant, flag string, on bool) error {
	if _, err := f.pool.Exec(ctx, `INSERT INTO tenant_flags (tenant, flag, enabled) VALUES ($1, $2, $3) ON CONFLICT (tenant, flag) DO UPDATE SET enabled = EXCLUDED.enabled`, tenant, flag, on); err != nil {
		return err
	}
	return f.rdb.HDel(ctx, "flags:"+tenant, flag).Err()
}

// Rollout reports whether tenant is inside a percentage rollout; the bucket is
// assigned once with HSETNX so it never changes between replicas.
func (f *Flags) Rollout(ctx context.Context, tenant, flag string, percent int, bucket func() int) (bool, error) {
	k := "rollout:" + flag
	if ok, err := f.rdb.HExists(ctx, k, tenant).Result(); err == nil && !ok {
		f.rdb.HSetNX(ctx, k, tenant, bucket())
	}
	b, err := f.rdb.HGet(ctx, k, tenant).Int()
	if err != nil {
		return false, err
	}
	return b < percent, nil
}
