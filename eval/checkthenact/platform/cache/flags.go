// Package cache holds the read caches in front of Postgres.
package cache

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/platform/internal/rediskeys"
)

type Flags struct {
	db  *sql.DB
	rdb *redis.Client
}

func NewFlags(db *sql.DB, rdb *redis.Client) *Flags { return &Flags{db: db, rdb: rdb} }

// Enabled is cache-aside over the flags table.
func (f *Flags) Enabled(ctx context.Context, name string) (bool, error) {
	v, err := f.rdb.Get(ctx, rediskeys.Flag(name)).Result()
	if err == nil {
		return strconv.ParseBool(v)
	}
	if !errors.Is(err, redis.Nil) {
		return false, err
	}
	var on bool
	if err := f.db.QueryRowContext(ctx, `SELECT enabled FROM feature_flags WHERE name = $1`, name).Scan(&on); err != nil {
		return false, err
	}
	f.rdb.Set(ctx, rediskeys.Flag(name), strconv.FormatBool(on), 30*time.Second)
	return on, nil
}

// Rollout is cache-aside with the percentage kept in a hash field.
func (f *Flags) Rollout(ctx context.Context, name string) (int, error) {
	pct, err := f.rdb.HGet(ctx, "flags:rollout", name).Int()
	if err == nil {
		return pct, nil
	}
	if err := f.db.QueryRowContext(ctx, `SELECT rollout_pct FROM feature_flags WHERE name = $1`, name).Scan(&pct); err != nil {
		return 0, err
	}
	f.rdb.HSet(ctx, "flags:rollout", name, pct) // AMBIG: checkthenact (correct cache-aside in a hash, but no TTL: DESIGN says "with a TTL")
	return pct, nil
}

type Endpoint struct {
	URL    string `json:"url"`
	Secret string `json:"secret"`
}

// WebhookEndpoints caches a tenant's outbound webhook endpoints: plain
// cache-aside, although the key says "webhook".
func (f *Flags) WebhookEndpoints(ctx context.Context, tenant string) ([]Endpoint, error) {
	key := "webhook:endpoints:" + tenant
	var eps []Endpoint
	if raw, err := f.rdb.Get(ctx, key).Bytes(); err == nil && json.Unmarshal(raw, &eps) == nil {
		return eps, nil
	}
	rows, err := f.db.QueryContext(ctx, `SELECT url, secret FROM webhook_endpoints WHERE tenant_id = $1`, tenant)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e Endpoint
		if err := rows.Scan(&e.URL, &e.Secret); err != nil {
			return nil, err
		}
		eps = append(eps, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	raw, _ := json.Marshal(eps)
	f.rdb.Set(ctx, key, raw, 5*time.Minute) // AMBIG: checkthenact (correct cache-aside; key has "webhook", README heuristic gap)
	return eps, nil
}

// Memo memoizes pure, expensive computations in-process.
type Memo struct {
	m sync.Map // string -> []byte
}

// Render returns the rendered template, computing it on first use. Two
// goroutines may both render; both store the same bytes.
func (c *Memo) Render(name string, render func(string) []byte) []byte {
	if v, ok := c.m.Load(name); ok {
		return v.([]byte)
	}
	out := render(name)
	c.m.Store(name, out)
	return out
}

// Invalidate drops a memoized entry if present.
func (c *Memo) Invalidate(name string) {
	if _, ok := c.m.Load(name); ok {
		c.m.Delete(name)
	}
}
