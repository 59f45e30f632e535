package ctalockown

import (
	"context"
	"encoding/json"

	"github.com/redis/go-redis/v9"
)

// Holder is who holds a project lock.
type Holder struct{ User string }

func projectKey(project string) string { return "pr/" + project }

// TryLock takes a project lock with GET then SET: two callers both find it free
// and both think they hold it. A lock, not a cache fill, whatever the value.
func (r *Runner) TryLock(ctx context.Context, project string, h Holder) (bool, error) {
	key := projectKey(project)
	b, _ := json.Marshal(h)
	if _, err := r.client.Get(ctx, key).Result(); err == redis.Nil {
		return true, r.client.Set(ctx, key, b, 0).Err() // want `GET then SET of "pr/"\+project is not atomic`
	}
	return false, nil
}

// cachedHolder is the same GET miss then SET of a computed value: a cache fill.
func (r *Runner) cachedHolder(ctx context.Context, project string, h Holder) (bool, error) {
	key := projectKey(project)
	b, _ := json.Marshal(h)
	if _, err := r.client.Get(ctx, key).Result(); err == redis.Nil {
		return true, r.client.Set(ctx, key, b, 0).Err()
	}
	return false, nil
}
