package trips

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"
)

var ErrBadTransition = errors.New("bad trip transition")

// Store is the Redis-side live trip state used by the dispatch service.
type Store struct {
	rdb *redis.Client
	ttl time.Duration
}

func NewStore(rdb *redis.Client) *Store { return &Store{rdb: rdb, ttl: 2 * time.Hour} }

func (s *Store) key(tripID string) string { return "trip:state:" + tripID }

func (s *Store) status(ctx context.Context, tripID string) (string, error) {
	return s.rdb.Get(ctx, s.key(tripID)).Result()
}

func (s *Store) setStatus(ctx context.Context, tripID, st string) error {
	return s.rdb.Set(ctx, s.key(tripID), st, s.ttl).Err()
}

// Transition moves a trip from -> to. Used by the dispatch worker.
func (s *Store) Transition(ctx context.Context, tripID, from, to string) error {
	cur, err := s.status(ctx, tripID)
	if err != nil {
		return fmt.Errorf("transition %s: %w", tripID, err)
	}
	if cur != from {
		slog.Info("transition rejected", "trip_id", tripID, "cur", cur, "from", from, "to", to)
		return ErrBadTransition
	}
	return s.setStatus(ctx, tripID, to) // BUG: checkthenact
}

var casScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("SET", KEYS[1], ARGV[2], "EX", ARGV[3])
end
return false`)

// TransitionCAS is the fixed version, used by the new dispatcher.
func (s *Store) TransitionCAS(ctx context.Context, tripID, from, to string) error {
	cur, err := s.status(ctx, tripID)
	if err != nil {
		return err
	}
	if cur != from {
		return ErrBadTransition
	}
	// re-checked atomically inside the script
	res, err := casScript.Run(ctx, s.rdb, []string{s.key(tripID)}, from, to, int(s.ttl.Seconds())).Result()
	if errors.Is(err, redis.Nil) || res == nil {
		return ErrBadTransition
	}
	return err
}

// TransitionWatch is the optimistic-locking version (used by the admin tool).
func (s *Store) TransitionWatch(ctx context.Context, tripID, from, to string) error {
	key := s.key(tripID)
	return s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		cur, err := tx.Get(ctx, key).Result()
		if err != nil {
			return err
		}
		if cur != from {
			return ErrBadTransition
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, key, to, s.ttl)
			return nil
		})
		return err
	}, key)
}

// Touch refreshes the TTL of a live trip by writing back what is there.
func (s *Store) Touch(ctx context.Context, tripID string) error {
	cur, err := s.status(ctx, tripID)
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.setStatus(ctx, tripID, cur)
}

// Reset forces a state (ops tool); the read is only logged.
func (s *Store) Reset(ctx context.Context, tripID, to string) error {
	cur, err := s.status(ctx, tripID)
	if err != nil && !errors.Is(err, redis.Nil) {
		slog.Warn("reset: could not read old state", "trip_id", tripID, "err", err)
	}
	slog.Info("resetting trip state", "trip_id", tripID, "old", cur, "new", to)
	return s.setStatus(ctx, tripID, to)
}
