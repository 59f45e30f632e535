// Package lock is a small Redis lock: SET NX PX with a token, released by a script.
package lock

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrLocked is returned when another holder owns the lock.
var ErrLocked = errors.New("lock: held by another process")

var releaseScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0`)

// Locker hands out locks.
type Locker struct {
	rdb redis.UniversalClient
}

// New returns a Locker.
func New(rdb redis.UniversalClient) *Locker { return &Locker{rdb: rdb} }

func token() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// WithLock runs fn while holding lock:<name>.
func (l *Locker) WithLock(ctx context.Context, name string, ttl time.Duration, fn func(context.Context) error) error {
	tok := token()
	ok, err := l.rdb.SetNX(ctx, "lock:"+name, tok, ttl).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrLocked
	}
	defer releaseScript.Run(context.WithoutCancel(ctx), l.rdb, []string{"lock:" + name}, tok)
	return fn(ctx)
}
