// Package released takes a job lock in one function and gives it back in
// another: a lock, whatever its TTL.
package released

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

type Jobs struct{ rdb *redis.Client }

// negative twin: EndJob deletes the key BeginJob took.
func (s *Jobs) BeginJob(ctx context.Context, jobID string) (bool, error) {
	return s.rdb.SetNX(ctx, "job:lock:"+jobID, 1, 5*time.Minute).Result()
}

func (s *Jobs) EndJob(ctx context.Context, jobID string) error {
	return s.rdb.Del(ctx, "job:lock:"+jobID).Err()
}

var unlock = redis.NewScript(`if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`)

// negative twin: a script releases keys the package cannot see, maybe this one.
func (s *Jobs) BeginRun(ctx context.Context, runID string) (bool, error) {
	return s.rdb.SetNX(ctx, "run:lock:"+runID, 1, 5*time.Minute).Result()
}

func (s *Jobs) Release(ctx context.Context, keys []string, token string) error {
	return unlock.Run(ctx, s.rdb, keys, token).Err()
}
