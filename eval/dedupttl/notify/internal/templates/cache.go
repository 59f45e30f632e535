// Package templates loads notification templates from the CMS, cached in Redis.
package templates

import (
	"context"
	"errors"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	"github.com/redis/go-redis/v9"
)

// CMS fetches templates.
type CMS interface {
	Fetch(ctx context.Context, name, locale string) (string, error)
}

// Cache is a read-through template cache.
type Cache struct {
	RDB redis.UniversalClient
	CMS CMS
}

// Get returns a template, loading it from the CMS on a miss.
func (c *Cache) Get(ctx context.Context, name, locale string) (string, error) {
	key := "tpl:" + locale + ":" + name
	body, err := c.RDB.Get(ctx, key).Result()
	if err == nil {
		return body, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	body, err = c.CMS.Fetch(ctx, name, locale)
	if err != nil {
		return "", err
	}
	c.RDB.Set(ctx, key, body, 10*time.Minute)
	return body, nil
}

// GetOnce loads a template only if no other replica is already loading it.
func (c *Cache) GetOnce(ctx context.Context, name, locale string) (string, error) {
	key := "tpl:" + locale + ":" + name
	if body, err := c.RDB.Get(ctx, key).Result(); err == nil {
		return body, nil
	}
	body, err := c.CMS.Fetch(ctx, name, locale)
	if err != nil {
		return "", err
	}
	c.RDB.SetNX(ctx, key, body, 5*time.Minute)
	return body, nil
}

// Legacy is the redigo-backed cache still used by the SMS gateway.
type Legacy struct {
	Pool *redigo.Pool
	CMS  CMS
}

// Get returns a cached template.
func (l *Legacy) Get(ctx context.Context, name string) (string, error) {
	conn := l.Pool.Get()
	defer conn.Close()
	body, err := redigo.String(conn.Do("GET", "tpl:sms:"+name))
	if err == nil {
		return body, nil
	}
	if err != redigo.ErrNil {
		return "", err
	}
	body, err = l.CMS.Fetch(ctx, name, "en")
	if err != nil {
		return "", err
	}
	_, _ = conn.Do("SETEX", "tpl:sms:"+name, 300, body)
	return body, nil
}
