// Package rediscache is a payment/event store on top of go-redis v9. It reaches
// Redis three ways: through a redis.UniversalClient, a redis.Cmdable and a
// *redis.Client, all fields of Store, and through small helper methods.
package rediscache

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Charger moves money; calling it twice for one event charges twice.
type Charger interface {
	Charge(ctx context.Context, id string, amount int64) error
}

// Inventory holds stock; every Decrement takes one item away.
type Inventory interface {
	Decrement(ctx context.Context, sku string) error
}

// ProfileDB is the source of truth that the profile cache sits in front of.
type ProfileDB interface {
	LoadProfile(ctx context.Context, id string) (string, error)
}

// Store keeps idempotency markers, points, tenants and reservations.
type Store struct {
	uc  redis.UniversalClient
	cmd redis.Cmdable
	rdb *redis.Client

	payments  Charger
	inventory Inventory
	profiles  ProfileDB
}

// New returns a Store over one client used through its three Go types.
func New(rdb *redis.Client, c Charger, inv Inventory, db ProfileDB) *Store {
	return &Store{uc: rdb, cmd: rdb, rdb: rdb, payments: c, inventory: inv, profiles: db}
}

// seen reports whether the event was already handled.
func (s *Store) seen(ctx context.Context, id string) bool {
	return s.rdb.Exists(ctx, "evt:"+id).Val() > 0
}

// markSeen records that the event was handled, for a day.
func (s *Store) markSeen(ctx context.Context, id string) {
	s.rdb.Set(ctx, "evt:"+id, 1, 24*time.Hour)
}

// claim atomically records the event; false means another worker has it.
func (s *Store) claim(ctx context.Context, id string) bool {
	return s.rdb.SetNX(ctx, "evt:"+id, 1, 24*time.Hour).Val()
}

// HandleEvent charges once per event id.
// POSITIVE: Exists (in seen) gates Set (in markSeen) of the same key; two
// deliveries of one event both pass the check and both charge.
func (s *Store) HandleEvent(ctx context.Context, id string, amount int64) error {
	if s.seen(ctx, id) {
		return nil
	}
	if err := s.payments.Charge(ctx, id, amount); err != nil {
		return err
	}
	s.markSeen(ctx, id) // want checkthenact
	return nil
}

// HandleEventClaimed is HandleEvent's twin.
// NEGATIVE: the gated write is claim's SetNX, which decides the race atomically;
// the Exists check is only a fast path.
func (s *Store) HandleEventClaimed(ctx context.Context, id string, amount int64) error {
	if s.seen(ctx, id) {
		return nil
	}
	if !s.claim(ctx, id) {
		return nil
	}
	return s.payments.Charge(ctx, id, amount)
}

// AddPoints adds to a user's balance.
// POSITIVE: read-modify-write; GET, add, SET the derived value through the
// UniversalClient. Concurrent calls lose updates.
func (s *Store) AddPoints(ctx context.Context, user string, pts int64) error {
	cur, err := s.uc.Get(ctx, "points:"+user).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return s.uc.Set(ctx, "points:"+user, cur+pts, 0).Err() // want checkthenact
}

// AddPointsTx is AddPoints' twin.
// NEGATIVE: the same GET and SET run inside Watch + TxPipelined (optimistic
// transaction), so a concurrent write aborts the EXEC.
func (s *Store) AddPointsTx(ctx context.Context, user string, pts int64) error {
	key := "points:" + user
	return s.uc.Watch(ctx, func(tx *redis.Tx) error {
		cur, err := tx.Get(ctx, key).Int64()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, key, cur+pts, 0)
			return nil
		})
		return err
	}, key)
}

// SnapshotPoints is AddPoints' other twin.
// NEGATIVE: different keys; the value read from points:<user> is written to
// points:snapshot:<user>, which nothing else checks.
func (s *Store) SnapshotPoints(ctx context.Context, user string) error {
	cur, err := s.uc.Get(ctx, "points:"+user).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return s.uc.Set(ctx, "points:snapshot:"+user, cur, 0).Err()
}

// EnsurePlan gives a tenant the free plan unless it has one.
// POSITIVE: HGET gates HSET of the same hash through the Cmdable; a concurrent
// upgrade between the two is overwritten with "free".
func (s *Store) EnsurePlan(ctx context.Context, tenant string) error {
	plan, err := s.cmd.HGet(ctx, "tenant:"+tenant, "plan").Result()
	if err == nil && plan != "" {
		return nil
	}
	return s.cmd.HSet(ctx, "tenant:"+tenant, "plan", "free").Err() // want checkthenact
}

var ensurePlan = redis.NewScript(`
if redis.call("HEXISTS", KEYS[1], "plan") == 0 then
	return redis.call("HSET", KEYS[1], "plan", ARGV[1])
end
return 0`)

// EnsurePlanScript is EnsurePlan's twin.
// NEGATIVE: the gated write is a Lua script (Script.Run), which Redis runs
// atomically; the HGET is only a fast path.
func (s *Store) EnsurePlanScript(ctx context.Context, tenant string) error {
	plan, err := s.cmd.HGet(ctx, "tenant:"+tenant, "plan").Result()
	if err == nil && plan != "" {
		return nil
	}
	return ensurePlan.Run(ctx, s.cmd, []string{"tenant:" + tenant}, "free").Err()
}

// Reserve takes one item of stock per order.
// POSITIVE: a GET miss gates the SET of the same key, with a side effect in
// between; two retries of one order both decrement stock.
func (s *Store) Reserve(ctx context.Context, orderID, sku string) error {
	_, err := s.uc.Get(ctx, "resv:"+orderID).Result()
	if err == nil {
		return nil
	}
	if !errors.Is(err, redis.Nil) {
		return err
	}
	if err := s.inventory.Decrement(ctx, sku); err != nil {
		return err
	}
	return s.uc.Set(ctx, "resv:"+orderID, sku, time.Hour).Err() // want checkthenact
}

// ReserveNX is Reserve's twin.
// NEGATIVE: the write is SetArgs with Mode NX, so only one caller creates the
// reservation (redis.Nil means someone else did).
func (s *Store) ReserveNX(ctx context.Context, orderID, sku string) error {
	_, err := s.uc.Get(ctx, "resv:"+orderID).Result()
	if err == nil {
		return nil
	}
	if !errors.Is(err, redis.Nil) {
		return err
	}
	err = s.uc.SetArgs(ctx, "resv:"+orderID, sku, redis.SetArgs{Mode: "NX", TTL: time.Hour}).Err() // want dedupttl
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.inventory.Decrement(ctx, sku)
}

// Profile is a read-through cache.
// NEGATIVE: plain cache-aside, Reserve's twin without the side effect; a miss
// loads from the database and fills the cache with that value and a TTL. Two
// racing fills write the same value.
func (s *Store) Profile(ctx context.Context, id string) (string, error) {
	v, err := s.uc.Get(ctx, "profile:"+id).Result()
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	v, err = s.profiles.LoadProfile(ctx, id)
	if err != nil {
		return "", fmt.Errorf("load profile %s: %w", id, err)
	}
	s.uc.Set(ctx, "profile:"+id, v, 10*time.Minute)
	return v, nil
}
