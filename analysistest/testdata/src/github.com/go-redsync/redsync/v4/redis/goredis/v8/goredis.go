// Package goredis is a minimal analysistest stub of
// github.com/go-redsync/redsync/v4/redis/goredis/v8 (v4.18.1).
package goredis

import (
	"context"

	"github.com/go-redis/redis/v8"
	redsyncredis "github.com/go-redsync/redsync/v4/redis"
)

type pool struct {
	delegate redis.UniversalClient
}

func (p *pool) Get(ctx context.Context) (redsyncredis.Conn, error) { return nil, nil }

// NewPool returns a Goredis-based pool implementation.
func NewPool(delegate redis.UniversalClient) redsyncredis.Pool {
	return &pool{delegate}
}
