// Package cache is a typed cache-aside layer over Redis with singleflight and
// stale-while-revalidate.
package cache

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/singleflight"
)

// ErrNotFound is returned by loaders when the source has no such entity.
var ErrNotFound = errors.New("cache: not found")

const negative = "__none__"

// Loader loads a value from the source of truth.
type Loader[T any] func(ctx context.Context, id string) (T, error)

// Cache is a read-through cache for one entity type.
type Cache[T any] struct {
	rdb    redis.UniversalClient
	prefix string
	ttl    time.Duration
	load   Loader[T]
	group  singleflight.Group
}

// New returns a Cache.
func New[T any](rdb redis.UniversalClient, prefix string, ttl time.Duration, load Loader[T]) *Cache[T] {
	return &Cache[T]{rdb: rdb, prefix: prefix, ttl: ttl, load: load}
}

func (c *Cache[T]) key(id string) string { return c.prefix + ":" + id }

// Get returns the entity, loading it once per key across goroutines on a miss.
func (c *Cache[T]) Get(ctx context.Context, id string) (T, error) {
	var zero T
	k := c.key(id)
	raw, err := c.rdb.Get(ctx, k).Result()
	if err == nil {
		if raw == negative {
			return zero, ErrNotFound
		}
		var v T
		err := json.Unmarshal([]byte(raw), &v)
		return v, err
	}
	if !errors.Is(err, redis.Nil) {
		return zero, err
	}
	v, err, _ := c.group.Do(k, func() (any, error) {
		v, err := c.load(ctx, id)
		if errors.Is(err, ErrNotFound) {
			c.rdb.Set(ctx, k, negative, 30*time.Second) // AMBIG: checkthenact
			return zero, err
		}
		if err != nil {
			return zero, err
		}
		b, err := json.Marshal(v)
		if err != nil {
			return zero, err
		}
		c.rdb.Set(ctx, k, b, c.ttl)
		return v, nil
	})
	if err != nil {
		return zero, err
	}
	return v.(T), nil
}

// envelope carries the soft expiry for stale-while-revalidate.
type envelope[T any] struct {
	Value      T         `json:"v"`
	FreshUntil time.Time `json:"fresh_until"`
}

// SWR serves stale values while one goroutine refreshes them.
type SWR[T any] struct {
	rdb        *redis.Client
	prefix     string
	fresh, ttl time.Duration
	load       Loader[T]
	group      singleflight.Group
}

// NewSWR returns an SWR cache: values are fresh for fresh, kept for ttl.
func NewSWR[T any](rdb *redis.Client, prefix string, fresh, ttl time.Duration, load Loader[T]) *SWR[T] {
	return &SWR[T]{rdb: rdb, prefix: prefix, fresh: fresh, ttl: ttl, load: load}
}

func (s *SWR[T]) refresh(ctx context.Context, k, id string) (T, error) {
	v, err, _ := s.group.Do(k, func() (any, error) {
		v, err := s.load(ctx, id)
		if err != nil {
			return v, err
		}
		b, _ := json.Marshal(envelope[T]{Value: v, FreshUntil: time.Now().Add(s.fresh)})
		return v, s.rdb.Set(ctx, k, b, s.ttl).Err()
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// Get returns a cached value; a stale one is returned at once and refreshed in the background.
func (s *SWR[T]) Get(ctx context.Context, id string) (T, error) {
	k := s.prefix + ":" + id
	b, err := s.rdb.Get(ctx, k).Bytes()
	if errors.Is(err, redis.Nil) {
		return s.refresh(ctx, k, id)
	}
	if err != nil {
		var zero T
		return zero, err
	}
	var env envelope[T]
	if err := json.Unmarshal(b, &env); err != nil {
		return s.refresh(ctx, k, id)
	}
	if time.Now().After(env.FreshUntil) {
		go func() {
			bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			if _, err := s.refresh(bg, k, id); err != nil {
				slog.Warn("cache: background refresh", "key", k, "err", err)
			}
		}()
	}
	return env.Value, nil
}

// Product is a catalog entry.
type Product struct {
	SKU   string `json:"sku"`
	Name  string `json:"name"`
	Price int64  `json:"price"`
}

// ProductCache is the plain cache-aside used by the storefront.
type ProductCache struct {
	rdb  *redis.Client
	load func(ctx context.Context, sku string) (Product, error)
}

// NewProductCache returns a ProductCache.
func NewProductCache(rdb *redis.Client, load func(context.Context, string) (Product, error)) *ProductCache {
	return &ProductCache{rdb: rdb, load: load}
}

// Get is cache-aside with a TTL.
func (p *ProductCache) Get(ctx context.Context, sku string) (Product, error) {
	var out Product
	b, err := p.rdb.Get(ctx, "product:"+sku).Bytes()
	if err == nil && json.Unmarshal(b, &out) == nil {
		return out, nil
	}
	if err != nil && !errors.Is(err, redis.Nil) {
		return out, err
	}
	out, err = p.load(ctx, sku)
	if err != nil {
		return out, err
	}
	enc, _ := json.Marshal(out)
	p.rdb.Set(ctx, "product:"+sku, enc, 10*time.Minute)
	return out, nil
}

// MarkViewed bumps a view counter kept next to the cached product.
func (p *ProductCache) MarkViewed(ctx context.Context, sku string) {
	if p.rdb.Exists(ctx, "product:"+sku).Val() == 1 {
		p.rdb.HIncrBy(ctx, "product-stats", sku, 1)
	}
}
