// Package digest builds and sends the scheduled digest notifications.
package digest

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"
)

// Builder renders a user's digest.
type Builder interface {
	DueUsers(ctx context.Context) ([]string, error)
	Send(ctx context.Context, userID string, runID string) error
}

var unlock = redis.NewScript(`
if redis.call("get", KEYS[1]) == ARGV[1] then
	return redis.call("del", KEYS[1])
end
return 0`)

// leaderTTL is how long a scheduler tick holds leadership.
const leaderTTL = 45 * time.Second

// Scheduler runs the digest every few minutes on one replica.
type Scheduler struct {
	RDB     redis.UniversalClient
	Builder Builder
	Log     *slog.Logger
}

// Tick runs one round under a lock released at the end.
func (s *Scheduler) Tick(ctx context.Context) error {
	token := uuid.NewString()
	ok, err := s.RDB.SetNX(ctx, "digest:leader", token, leaderTTL).Result()
	if err != nil || !ok {
		return err
	}
	defer unlock.Run(context.WithoutCancel(ctx), s.RDB, []string{"digest:leader"}, token)
	users, err := s.Builder.DueUsers(ctx)
	if err != nil {
		return err
	}
	runID := time.Now().UTC().Format(time.DateOnly)
	for _, u := range users {
		if err := s.sendOnce(ctx, u, runID); err != nil {
			s.Log.Error("digest", "user", u, "err", err)
		}
	}
	return nil
}

func (s *Scheduler) sendOnce(ctx context.Context, userID, runID string) error {
	ok, err := s.RDB.SetNX(ctx, "digest:sent:"+runID+":"+userID, 1, 20*time.Hour).Result() // BUG: dedupttl
	if err != nil || !ok {
		return err
	}
	return s.Builder.Send(ctx, userID, runID)
}

// Rebuild re-renders one user's digest, serialised per user.
func (s *Scheduler) Rebuild(ctx context.Context, userID string) error {
	key := "digest:rebuild:lock:" + userID
	ok, err := s.RDB.SetNX(ctx, key, 1, 2*time.Minute).Result()
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("digest: rebuild in progress")
	}
	defer s.RDB.Del(ctx, key)
	return s.Builder.Send(ctx, userID, "rebuild")
}

// Job is a scheduled one-off notification (reminders, trial-ending notices).
type Job struct {
	ID     string
	UserID string
	At     time.Time
}

// RunDue sends due jobs. Every replica polls; the job lock keeps one sender per job.
func (s *Scheduler) RunDue(ctx context.Context, jobs []Job) {
	for _, j := range jobs {
		locked, err := s.RDB.SetNX(ctx, "digest:job:lock:"+j.ID, 1, 5*time.Minute).Result() // BUG: dedupttl
		if err != nil || !locked {
			continue
		}
		if err := s.Builder.Send(ctx, j.UserID, j.ID); err != nil {
			s.Log.Error("job", "id", j.ID, "err", err)
		}
	}
}

// RunDueV2 is RunDue that records the sent job for as long as the scheduler can re-list it.
func (s *Scheduler) RunDueV2(ctx context.Context, jobs []Job) {
	for _, j := range jobs {
		locked, err := s.RDB.SetNX(ctx, "digest:job:sent:"+j.ID, 1, 14*24*time.Hour).Result()
		if err != nil || !locked {
			continue
		}
		if err := s.Builder.Send(ctx, j.UserID, j.ID); err != nil {
			s.RDB.Del(ctx, "digest:job:sent:"+j.ID)
		}
	}
}

// Heartbeat publishes that this replica is alive.
func (s *Scheduler) Heartbeat(ctx context.Context, replica string) {
	s.RDB.Set(ctx, "digest:replica:"+replica, time.Now().Unix(), 30*time.Second)
}
