// Package redislock is a project's own distributed lock: SET NX with a random
// token, released by a compare-and-delete script, behind an interface.
package redislock

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Lock is what callers hold.
type Lock interface {
	AttemptLock(ctx context.Context) (bool, error)
	Unlock(ctx context.Context) (bool, error)
}

type redisLock struct {
	client redis.Cmdable
	key    string
	value  string
	ttl    time.Duration
}

// New returns a lock on key.
func New(client redis.Cmdable, key string) Lock {
	return &redisLock{client: client, key: key, value: "token", ttl: 10 * time.Second}
}

// AttemptLock takes the lock: SET key token NX PX ttl.
func (l *redisLock) AttemptLock(ctx context.Context) (bool, error) {
	result := l.client.SetNX(ctx, l.key, l.value, l.ttl)
	if result.Err() != nil {
		return false, result.Err()
	}
	return result.Val(), nil
}

// Unlock deletes the key only while it still holds this lock's token.
func (l *redisLock) Unlock(ctx context.Context) (bool, error) {
	const script = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`
	err := l.client.Eval(ctx, script, []string{l.key}, l.value).Err()
	return err == nil, err
}
