// Package auth holds one-time tokens (email links, password reset) and OAuth tokens.
package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrInvalidToken means the token is unknown, expired or already used.
var ErrInvalidToken = errors.New("auth: invalid or used token")

// OneTime issues and redeems single-use tokens.
type OneTime struct {
	rdb *redis.Client
	ttl time.Duration
}

// NewOneTime returns an OneTime.
func NewOneTime(rdb *redis.Client, ttl time.Duration) *OneTime { return &OneTime{rdb: rdb, ttl: ttl} }

func newToken() string {
	var b [20]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Issue stores a fresh token for userID.
func (o *OneTime) Issue(ctx context.Context, userID string) (string, error) {
	tok := newToken()
	if err := o.rdb.Set(ctx, "otp:"+tok, userID, o.ttl).Err(); err != nil {
		return "", err
	}
	return tok, nil
}

// Redeem consumes the token atomically: GETDEL returns it to exactly one caller.
func (o *OneTime) Redeem(ctx context.Context, tok string) (string, error) {
	uid, err := o.rdb.GetDel(ctx, "otp:"+tok).Result()
	if errors.Is(err, redis.Nil) {
		return "", ErrInvalidToken
	}
	return uid, err
}

// RedeemV1 is kept for old mobile clients until they are retired.
func (o *OneTime) RedeemV1(ctx context.Context, tok string) (string, error) {
	uid, err := o.rdb.Get(ctx, "otp:"+tok).Result()
	if errors.Is(err, redis.Nil) {
		return "", ErrInvalidToken
	}
	if err != nil {
		return "", err
	}
	o.rdb.Del(ctx, "otp:"+tok) // AMBIG: checkthenact
	return uid, nil
}

// ResendCooldown lets a user request a new email at most once a minute.
// SET NX EX is the claim; the EXISTS before it only avoids a write on the hot path.
func (o *OneTime) ResendCooldown(ctx context.Context, userID string) (bool, error) {
	k := "otp:cooldown:" + userID
	if n, err := o.rdb.Exists(ctx, k).Result(); err != nil || n > 0 {
		return false, err
	}
	return o.rdb.SetNX(ctx, k, 1, time.Minute).Result()
}

// MarkEmailVerified records the verification once, replying with the previous value.
// SET ... GET returns the old value atomically; only the caller that saw none sends the welcome mail.
func (o *OneTime) MarkEmailVerified(ctx context.Context, userID string, sendWelcome func() error) error {
	k := "verified:" + userID
	if o.rdb.Exists(ctx, k).Val() == 1 {
		return nil
	}
	_, err := o.rdb.SetArgs(ctx, k, time.Now().Unix(), redis.SetArgs{Get: true}).Result()
	if errors.Is(err, redis.Nil) {
		return sendWelcome()
	}
	return err
}
