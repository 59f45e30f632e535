package redis

import (
	"context"
	"sync"
	"time"
)

// Pool maintains a pool of connections.
type Pool struct {
	// Dial is an application supplied function for creating and configuring a
	// connection.
	Dial func() (Conn, error)

	// DialContext is an application supplied function for creating and configuring a
	// connection with the given context.
	DialContext func(ctx context.Context) (Conn, error)

	TestOnBorrow func(c Conn, lastUsed time.Time) error

	TestOnBorrowContext func(ctx context.Context, c Conn, lastUsed time.Time) error

	MaxIdle int

	MaxActive int

	IdleTimeout time.Duration

	Wait bool

	MaxConnLifetime time.Duration

	mu     sync.Mutex
	closed bool
	active int
}

// NewPool creates a new pool.
//
// Deprecated: Initialize the Pool directly as shown in the example.
func NewPool(newFn func() (Conn, error), maxIdle int) *Pool {
	return &Pool{Dial: newFn, MaxIdle: maxIdle}
}

// Get gets a connection.
func (p *Pool) Get() Conn { return nil }

// GetContext gets a connection using the provided context.
func (p *Pool) GetContext(ctx context.Context) (Conn, error) { return nil, nil }

// PoolStats contains pool statistics.
type PoolStats struct {
	ActiveCount  int
	IdleCount    int
	WaitCount    int64
	WaitDuration time.Duration
}

func (p *Pool) Stats() PoolStats { return PoolStats{} }
func (p *Pool) ActiveCount() int { return 0 }
func (p *Pool) IdleCount() int   { return 0 }

// Close releases the resources used by the pool.
func (p *Pool) Close() error { return nil }
