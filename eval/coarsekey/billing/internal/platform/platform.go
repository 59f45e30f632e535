// Package platform holds the small shared pieces: clock, retry, Redis lock, rate limiter.
package platform

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"

	"example.com/billing/internal/keys"
)

// Clock returns the current time.
type Clock interface {
	Now() time.Time
}

type system struct{}

func (system) Now() time.Time { return time.Now().UTC() }

// System is the wall clock in UTC.
var System Clock = system{}

// Func adapts a function to Clock (tests use a fixed time).
type Func func() time.Time

func (f Func) Now() time.Time { return f() }

// Permanent wraps an error that must not be retried.
type Permanent struct{ Err error }

func (p Permanent) Error() string { return p.Err.Error() }
func (p Permanent) Unwrap() error { return p.Err }

// RetryPolicy configures Retry.
type RetryPolicy struct {
	Attempts int
	Base     time.Duration
	Max      time.Duration
}

// DefaultRetry is used by the outbound clients.
var DefaultRetry = RetryPolicy{Attempts: 5, Base: 200 * time.Millisecond, Max: 5 * time.Second}

// Retry calls fn until it succeeds, returns a Permanent error, or attempts run out.
func Retry(ctx context.Context, p RetryPolicy, fn func(attempt int) error) error {
	var err error
	delay := p.Base
	for attempt := 1; attempt <= p.Attempts; attempt++ {
		if err = fn(attempt); err == nil {
			return nil
		}
		var perm Permanent
		if errors.As(err, &perm) {
			return perm.Err
		}
		jitter := time.Duration(rand.Int64N(int64(delay) / 2))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay + jitter):
		}
		delay = min(delay*2, p.Max)
	}
	return err
}

// ErrNotObtained is returned when another holder has the lock.
var ErrNotObtained = errors.New("platform: lock not obtained")

var release = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0`)

// Lock is a held lock.
type Lock struct {
	rdb   redis.Cmdable
	key   string
	token string
}

// ObtainLock takes key for ttl.
func ObtainLock(ctx context.Context, rdb redis.Cmdable, key string, ttl time.Duration) (*Lock, error) {
	token := uuid.NewString()
	ok, err := rdb.SetNX(ctx, key, token, ttl).Result()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNotObtained
	}
	return &Lock{rdb: rdb, key: key, token: token}, nil
}

// Release deletes the key if this holder still owns it.
func (l *Lock) Release(ctx context.Context) error {
	return release.Run(ctx, l.rdb, []string{l.key}, l.token).Err()
}

// Limiter is the public API's fixed-window rate limiter; it allows Limit calls per user per minute.
type Limiter struct {
	RDB   redis.UniversalClient
	Limit int64
	Clock Clock
}

// Allow counts one call for userID and reports whether it is within the limit.
func (l *Limiter) Allow(ctx context.Context, userID string) (bool, error) {
	key := keys.RateKey(userID, l.Clock.Now())
	n, err := l.RDB.Incr(ctx, key).Result()
	if err != nil {
		return false, err
	}
	if n == 1 {
		l.RDB.Expire(ctx, key, time.Minute)
	}
	return n <= l.Limit, nil
}

// AllowTenant is the same per tenant and hour, pipelined.
func (l *Limiter) AllowTenant(ctx context.Context, tenantID string, limit int64) (bool, error) {
	key := "billing:rl:tenant:" + tenantID + ":" + l.Clock.Now().Format("2006010215")
	var incr *redis.IntCmd
	_, err := l.RDB.TxPipelined(ctx, func(p redis.Pipeliner) error {
		incr = p.Incr(ctx, key)
		p.ExpireNX(ctx, key, time.Hour)
		return nil
	})
	if err != nil {
		return false, err
	}
	return incr.Val() <= limit, nil
}
