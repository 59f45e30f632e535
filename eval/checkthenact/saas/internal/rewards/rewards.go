// Package rewards grants loyalty points from order events.
package rewards

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/saas/internal/keys"
	"example.com/saas/internal/kv"
	"example.com/saas/internal/lock"
)

// OrderEvent is consumed from the orders topic.
type OrderEvent struct {
	ID       string `json:"id"`
	Customer string `json:"customer"`
	Total    int64  `json:"total"`
}

// Service grants points.
type Service struct {
	rdb    *redis.Client
	locker *lock.Locker
}

// New returns a Service.
func New(rdb *redis.Client) *Service { return &Service{rdb: rdb, locker: lock.New(rdb)} }

func pointsKey(customer string) string { return "points:" + customer }

// Grant adds points under a per-customer lock; the GET/SET pair runs while it is held.
func (s *Service) Grant(ctx context.Context, customer string, pts int64) error {
	return s.locker.WithLock(ctx, "points:"+customer, 10*time.Second, func(ctx context.Context) error {
		cur, err := kv.GetInt(ctx, s.rdb, pointsKey(customer))
		if err != nil {
			return err
		}
		return kv.SetInt(ctx, s.rdb, pointsKey(customer), cur+pts, 0)
	})
}

// Redeem takes points with GET, compute, SET.
func (s *Service) Redeem(ctx context.Context, customer string, pts int64) error {
	cur, err := kv.GetInt(ctx, s.rdb, pointsKey(customer))
	if err != nil {
		return err
	}
	if cur < pts {
		return errors.New("rewards: not enough points")
	}
	return kv.SetInt(ctx, s.rdb, pointsKey(customer), cur-pts, 0) // BUG: checkthenact
}

// Adjust is the support-tool correction: IncrBy, no read.
func (s *Service) Adjust(ctx context.Context, customer string, delta int64) (int64, error) {
	return s.rdb.IncrBy(ctx, pointsKey(customer), delta).Result()
}

// HandleBatch processes a batch of events; the processed markers are read in one pipeline.
func (s *Service) HandleBatch(ctx context.Context, events []OrderEvent) error {
	cmds := make([]*redis.StringCmd, len(events))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, e := range events {
			cmds[i] = p.Get(ctx, keys.Processed(e.ID))
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	for i, e := range events {
		if cmds[i].Err() == nil {
			continue // already processed
		}
		if _, err := s.Adjust(ctx, e.Customer, e.Total/100); err != nil {
			return err
		}
		s.rdb.Set(ctx, keys.Processed(e.ID), "1", 7*24*time.Hour) // BUG: checkthenact
	}
	return nil
}

// HandleOne processes a single event, marking it in a defer.
func (s *Service) HandleOne(ctx context.Context, e OrderEvent) error {
	k := keys.Processed(e.ID)
	if n, err := s.rdb.Exists(ctx, k).Result(); err != nil || n > 0 {
		return err
	}
	defer s.rdb.Set(ctx, k, 1, 7*24*time.Hour) // BUG: checkthenact
	_, err := s.Adjust(ctx, e.Customer, e.Total/100)
	return err
}

// HandleOneNX claims the event with SET NX before granting.
func (s *Service) HandleOneNX(ctx context.Context, e OrderEvent) error {
	k := keys.Processed(e.ID)
	if s.rdb.Exists(ctx, k).Val() > 0 {
		return nil
	}
	ok, err := s.rdb.SetNX(ctx, k, 1, 7*24*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	if _, err := s.Adjust(ctx, e.Customer, e.Total/100); err != nil {
		s.rdb.Del(ctx, k)
		return err
	}
	return nil
}

// Cluster consumes events on a Redis Cluster, fanning out to workers.
type Cluster struct {
	rdb *redis.ClusterClient
}

// NewCluster returns a Cluster.
func NewCluster(rdb *redis.ClusterClient) *Cluster { return &Cluster{rdb: rdb} }

// Consume runs n workers over the channel.
func (c *Cluster) Consume(ctx context.Context, in <-chan OrderEvent, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for e := range in {
				k := "rewarded:{" + e.Customer + "}:" + e.ID
				if _, err := c.rdb.Get(ctx, k).Result(); err == nil {
					continue
				}
				c.rdb.HIncrBy(ctx, "pts:{"+e.Customer+"}", "total", e.Total/100)
				c.rdb.Set(ctx, k, 1, 7*24*time.Hour) // BUG: checkthenact
			}
		})
	}
	wg.Wait()
}

// ConsumeAtomic is Consume with the marker and the increment in one MULTI under WATCH.
func (c *Cluster) ConsumeAtomic(ctx context.Context, in <-chan OrderEvent) {
	for e := range in {
		k := "rewarded:{" + e.Customer + "}:" + e.ID
		pk := "pts:{" + e.Customer + "}"
		err := c.rdb.Watch(ctx, func(tx *redis.Tx) error {
			n, err := tx.Exists(ctx, k).Result()
			if err != nil || n > 0 {
				return err
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.HIncrBy(ctx, pk, "total", e.Total/100)
				p.Set(ctx, k, 1, 7*24*time.Hour)
				return nil
			})
			return err
		}, k)
		if err != nil {
			slog.Warn("rewards: consume", "event", e.ID, "err", err)
		}
	}
}

// Cart is a shopping cart.
type Cart struct {
	Items map[string]int `json:"items"`
}

// MergeGuestCart moves a guest cart into the user's cart under WATCH on both keys.
func (s *Service) MergeGuestCart(ctx context.Context, guestID, userID string) error {
	gk, uk := keys.Cart(guestID), keys.Cart(userID)
	return s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		var guest, user Cart
		if err := kv.GetJSON(ctx, tx, gk, &guest); err != nil {
			if errors.Is(err, kv.ErrMiss) {
				return nil
			}
			return err
		}
		if err := kv.GetJSON(ctx, tx, uk, &user); err != nil && !errors.Is(err, kv.ErrMiss) {
			return err
		}
		if user.Items == nil {
			user.Items = map[string]int{}
		}
		for sku, q := range guest.Items {
			user.Items[sku] += q
		}
		b, _ := json.Marshal(user)
		_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, uk, b, 30*24*time.Hour)
			p.Del(ctx, gk)
			return nil
		})
		return err
	}, gk, uk)
}

// ArchiveCart copies the cart to an archive key after checkout (different key).
func (s *Service) ArchiveCart(ctx context.Context, userID, orderID string) error {
	raw, err := s.rdb.Get(ctx, keys.Cart(userID)).Result()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.rdb.Set(ctx, "cart:archive:"+orderID, raw, 90*24*time.Hour).Err()
}

// Tier recomputes the loyalty tier from points (a cached, derived value under another key).
func (s *Service) Tier(ctx context.Context, customer string) (string, error) {
	n, err := kv.GetInt(ctx, s.rdb, pointsKey(customer))
	if err != nil {
		return "", err
	}
	tier := "bronze"
	switch {
	case n >= 10000:
		tier = "gold"
	case n >= 2000:
		tier = "silver"
	}
	s.rdb.Set(ctx, "tier:"+customer, tier, time.Hour)
	return tier + ":" + strconv.FormatInt(n, 10), nil
}
