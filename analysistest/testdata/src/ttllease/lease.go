// Package ttllease takes locks named after one job that nothing gives back: the
// lock's TTL is then the job's dedup window, and the next poll after it runs the
// job again.
package ttllease

import (
	"context"
	"log"
	"time"

	"github.com/redis/go-redis/v9"
)

type Job struct {
	ID     string
	UserID string
}

type Scheduler struct{ rdb *redis.Client }

func send(string) {}

// positive: every replica polls; the job lock is never released.
func (s *Scheduler) RunDue(ctx context.Context, jobs []Job) {
	for _, j := range jobs {
		locked, err := s.rdb.SetNX(ctx, "digest:job:lock:"+j.ID, 1, 5*time.Minute).Result() // want `dedup marker "digest:job:lock:"\+j.ID expires after 5m0s`
		if err != nil || !locked {
			continue
		}
		send(j.UserID)
	}
}

// negative twin: released when the job is done: a lock.
func (s *Scheduler) RunDueReleased(ctx context.Context, jobs []Job) {
	for _, j := range jobs {
		key := "digest:run:lock:" + j.ID
		locked, err := s.rdb.SetNX(ctx, key, 1, 5*time.Minute).Result()
		if err != nil || !locked {
			continue
		}
		send(j.UserID)
		s.rdb.Del(ctx, key)
	}
}

// negative twin: the lock names no job: a leader's lease, renewed by its TTL.
func (s *Scheduler) Lead(ctx context.Context) {
	if ok, _ := s.rdb.SetNX(ctx, "digest:leader:lock", 1, 30*time.Second).Result(); ok {
		send("leader")
	}
}

// negative twin: the key is handed on, and whoever gets it may release it.
func (s *Scheduler) RunDueHanded(ctx context.Context, jobs []Job) {
	for _, j := range jobs {
		key := "digest:job:lock:" + j.ID
		locked, err := s.rdb.SetNX(ctx, key, 1, 5*time.Minute).Result()
		if err != nil || !locked {
			continue
		}
		log.Println("locked", key)
		send(j.UserID)
	}
}

var unlock = redis.NewScript(`if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`)

// Tick's compare-and-delete names the key it releases: the leader's, not a job's,
// so RunDue's job lock stays unreleased.
func (s *Scheduler) Tick(ctx context.Context, token string) {
	if ok, _ := s.rdb.SetNX(ctx, "digest:leader", token, 30*time.Second).Result(); !ok {
		return
	}
	defer unlock.Run(ctx, s.rdb, []string{"digest:leader"}, token)
	send("tick")
}
