// Package presence tracks who is online.
package presence

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// Tracker keeps presence:<user> keys with a short TTL.
type Tracker struct {
	rdb redis.Cmdable
	ttl time.Duration
}

// New returns a Tracker.
func New(rdb redis.Cmdable, ttl time.Duration) *Tracker { return &Tracker{rdb: rdb, ttl: ttl} }

func key(user string) string { return "presence:" + user }

// Heartbeat refreshes a live key (SET XX), or creates it (SET NX) when it lapsed.
func (t *Tracker) Heartbeat(ctx context.Context, user, status string) error {
	ok, err := t.rdb.SetXX(ctx, key(user), status, t.ttl).Result()
	if err != nil || ok {
		return err
	}
	return t.rdb.SetNX(ctx, key(user), status, t.ttl).Err()
}

// Ping extends the TTL of an online user only.
func (t *Tracker) Ping(ctx context.Context, user string) (bool, error) {
	online, err := t.rdb.Exists(ctx, key(user)).Result()
	if err != nil || online == 0 {
		return false, err
	}
	return t.rdb.Expire(ctx, key(user), t.ttl).Result()
}

// Keep writes the status it just read back with a fresh TTL (status unchanged).
func (t *Tracker) Keep(ctx context.Context, user string) error {
	st, err := t.rdb.Get(ctx, key(user)).Result()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	return t.rdb.SetXX(ctx, key(user), st, t.ttl).Err()
}

// SetStatus changes the status text, keeping the TTL.
func (t *Tracker) SetStatus(ctx context.Context, user, status string) error {
	return t.rdb.SetArgs(ctx, key(user), status, redis.SetArgs{Mode: "XX", KeepTTL: true}).Err()
}

// Online returns whether the user is online.
func (t *Tracker) Online(ctx context.Context, user string) bool {
	return t.rdb.Exists(ctx, key(user)).Val() == 1
}
