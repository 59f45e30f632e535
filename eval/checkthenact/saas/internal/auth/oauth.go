package auth

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/singleflight"
)

// FetchFunc obtains a client-credentials access token from the provider.
type FetchFunc func(ctx context.Context) (token string, ttl time.Duration, err error)

// TokenCache shares one provider access token between all replicas.
type TokenCache struct {
	rdb      redis.UniversalClient
	provider string
	fetch    FetchFunc
	sf       singleflight.Group
}

// NewTokenCache returns a TokenCache.
func NewTokenCache(rdb redis.UniversalClient, provider string, fetch FetchFunc) *TokenCache {
	return &TokenCache{rdb: rdb, provider: provider, fetch: fetch}
}

// Token returns the cached token or fetches a new one; client-credentials tokens are
// independent of each other, so two replicas fetching at once is only wasted work.
func (c *TokenCache) Token(ctx context.Context) (string, error) {
	k := "oauth:cc:" + c.provider
	v, err, _ := c.sf.Do(k, func() (any, error) {
		tok, err := c.rdb.Get(ctx, k).Result()
		if err == nil {
			return tok, nil
		}
		if !errors.Is(err, redis.Nil) {
			return "", err
		}
		fresh, ttl, err := c.fetch(ctx)
		if err != nil {
			return "", err
		}
		if err := c.rdb.Set(ctx, k, fresh, ttl-30*time.Second).Err(); err != nil {
			return "", err
		}
		return fresh, nil
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// RefreshFunc exchanges a refresh token; the provider rotates refresh tokens.
type RefreshFunc func(ctx context.Context, refresh string) (access, newRefresh string, err error)

// UserTokens keeps per-user OAuth refresh tokens for the calendar integration.
type UserTokens struct {
	rdb     *redis.Client
	refresh RefreshFunc
}

// NewUserTokens returns a UserTokens.
func NewUserTokens(rdb *redis.Client, refresh RefreshFunc) *UserTokens {
	return &UserTokens{rdb: rdb, refresh: refresh}
}

// Access exchanges the stored refresh token and stores the rotated one.
func (u *UserTokens) Access(ctx context.Context, userID string) (string, error) {
	k := "oauth:refresh:" + userID
	rt, err := u.rdb.Get(ctx, k).Result()
	if err != nil {
		return "", err
	}
	access, next, err := u.refresh(ctx, rt)
	if err != nil {
		return "", err
	}
	if err := u.rdb.Set(ctx, k, next, 0).Err(); err != nil { // AMBIG: checkthenact
		return "", err
	}
	return access, nil
}

// Store saves the refresh token received at consent time.
func (u *UserTokens) Store(ctx context.Context, userID, refresh string) error {
	return u.rdb.Set(ctx, "oauth:refresh:"+userID, refresh, 0).Err()
}
