package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/evalcorpus/internal/keys"
)

// Profile is the public user profile shown on the dashboard.
type Profile struct {
	ID          int64     `json:"id"`
	DisplayName string    `json:"display_name"`
	Email       string    `json:"email"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// UserRepository is the source of truth for profiles (Postgres in production).
type UserRepository interface {
	FindProfile(ctx context.Context, id int64) (*Profile, error)
}

// ProfileCache is a cache-aside layer in front of UserRepository.
type ProfileCache struct {
	rdb  redis.UniversalClient
	repo UserRepository
	ttl  time.Duration
}

func NewProfileCache(rdb redis.UniversalClient, repo UserRepository) *ProfileCache {
	return &ProfileCache{rdb: rdb, repo: repo, ttl: 10 * time.Minute}
}

// Get returns the profile, filling the cache on a miss.
func (c *ProfileCache) Get(ctx context.Context, id int64) (*Profile, error) {
	key := keys.Profile(id)
	raw, err := c.rdb.Get(ctx, key).Bytes()
	switch {
	case err == nil:
		var p Profile
		if jerr := json.Unmarshal(raw, &p); jerr == nil {
			return &p, nil
		}
		slog.WarnContext(ctx, "corrupt profile cache entry", "key", key)
	case !errors.Is(err, redis.Nil):
		return nil, fmt.Errorf("profile cache get: %w", err)
	}

	p, err := c.repo.FindProfile(ctx, id)
	if err != nil {
		return nil, err
	}
	buf, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	if err := c.rdb.Set(ctx, key, buf, c.ttl).Err(); err != nil {
		slog.WarnContext(ctx, "profile cache set failed", "err", err)
	}
	return p, nil
}

// Invalidate drops the cached profile after an update.
func (c *ProfileCache) Invalidate(ctx context.Context, id int64) error {
	return c.rdb.Del(ctx, keys.Profile(id)).Err()
}

// Touch refreshes the cached profile's updated_at without hitting the DB;
// it reads the cached JSON, changes a field and writes it back.
func (c *ProfileCache) Touch(ctx context.Context, id int64, at time.Time) error {
	key := keys.Profile(id)
	raw, err := c.rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	var p Profile
	if err := json.Unmarshal(raw, &p); err != nil {
		return err
	}
	p.UpdatedAt = at
	buf, _ := json.Marshal(&p)
	return c.rdb.Set(ctx, key, buf, c.ttl).Err() // BUG: checkthenact
}
