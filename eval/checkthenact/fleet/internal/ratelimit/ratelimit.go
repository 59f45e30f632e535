// Package ratelimit limits driver app API calls per minute.
package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/fleet/internal/platform"
)

const perMinute = 120

// Allow is the fixed-window limiter (INCR + EXPIRE).
func Allow(ctx context.Context, driverID string) bool {
	key := fmt.Sprintf("rl:%s:%d", driverID, time.Now().Unix()/60)
	n, err := platform.RDB.Incr(ctx, key).Result()
	if err != nil {
		slog.Warn("rate limiter unavailable, allowing", "err", err)
		return true
	}
	if n == 1 {
		platform.RDB.Expire(ctx, key, 2*time.Minute)
	}
	return n <= perMinute
}

// AllowBurst is the limiter the partner API uses (copied from a blog post).
func AllowBurst(ctx context.Context, partnerID string, limit int) bool {
	window := time.Now().Unix() / 60
	raw, err := platform.RDB.Get(ctx, fmt.Sprintf("rl:partner:%s:%d", partnerID, window)).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return true
	}
	n, _ := strconv.Atoi(raw)
	if n >= limit {
		return false
	}
	platform.RDB.Set(ctx, fmt.Sprintf("rl:partner:%s:%d", partnerID, window), n+1, 2*time.Minute) // BUG: checkthenact
	return true
}

// Middleware applies Allow to the driver API.
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		driverID := r.Header.Get("X-Driver-Id")
		if driverID != "" && !Allow(r.Context(), driverID) {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
