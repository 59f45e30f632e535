// Package auth issues driver app sessions.
package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/fleet/internal/platform"
)

func newToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// EnsureSession returns the driver's session token, creating one if needed.
// The app calls this on every cold start, often twice in parallel.
func EnsureSession(ctx context.Context, driverID string) (string, error) {
	key := "driver:session:" + driverID
	tok, err := platform.RDB.Get(ctx, key).Result()
	if err == nil {
		return tok, nil
	}
	if !errors.Is(err, redis.Nil) {
		slog.Error("session read failed", "driver_id", driverID, "err", err)
		return "", err
	}
	tok = newToken()
	if err := platform.RDB.Set(ctx, key, tok, 30*24*time.Hour).Err(); err != nil { // BUG: checkthenact
		return "", err
	}
	return tok, nil
}

// EnsureSessionNX is the rewrite: SET NX, then read back the winner.
func EnsureSessionNX(ctx context.Context, driverID string) (string, error) {
	key := "driver:session:" + driverID
	tok, err := platform.RDB.Get(ctx, key).Result()
	if err == nil {
		return tok, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	tok = newToken()
	ok, err := platform.RDB.SetNX(ctx, key, tok, 30*24*time.Hour).Result()
	if err != nil {
		return "", err
	}
	if !ok {
		return platform.RDB.Get(ctx, key).Result()
	}
	return tok, nil
}

// RotateSession replaces the token and returns the old one, atomically.
func RotateSession(ctx context.Context, driverID string) (string, string, error) {
	tok := newToken()
	old, err := platform.RDB.SetArgs(ctx, "driver:session:"+driverID, tok, redis.SetArgs{Get: true, TTL: 30 * 24 * time.Hour}).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", "", err
	}
	return old, tok, nil
}
