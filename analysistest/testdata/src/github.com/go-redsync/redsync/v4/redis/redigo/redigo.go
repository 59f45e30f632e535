// Package redigo is a minimal analysistest stub of
// github.com/go-redsync/redsync/v4/redis/redigo (v4.18.1).
package redigo

import (
	"context"

	redsyncredis "github.com/go-redsync/redsync/v4/redis"
	"github.com/gomodule/redigo/redis"
)

type Pool interface {
	Get() redis.Conn
	GetContext(ctx context.Context) (redis.Conn, error)
}

type pool struct {
	delegate Pool
}

func (p *pool) Get(ctx context.Context) (redsyncredis.Conn, error) { return nil, nil }

// NewPool returns a Redigo-based pool implementation.
func NewPool(delegate Pool) redsyncredis.Pool {
	return &pool{delegate}
}
