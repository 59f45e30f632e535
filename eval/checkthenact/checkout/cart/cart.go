// Package cart keeps shopping carts in Redis hashes.
package cart

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"example.com/checkout/internal/keys"
	"example.com/checkout/internal/rstore"
	"github.com/redis/go-redis/v9"
)

type base struct {
	rdb    *redis.Client
	tenant string
}

// Service manages carts. It embeds base.
type Service struct {
	base
	ttl time.Duration
}

func New(rdb *redis.Client, tenant string) *Service {
	return &Service{base: base{rdb: rdb, tenant: tenant}, ttl: 48 * time.Hour}
}

// AddItem increments the quantity of an item atomically.
func (s *Service) AddItem(ctx context.Context, user, sku string, n int64) error {
	key := keys.Cart(s.tenant, user)
	if err := s.rdb.HIncrBy(ctx, key, sku, n).Err(); err != nil { // correct: HINCRBY
		return err
	}
	return s.rdb.Expire(ctx, key, s.ttl).Err()
}

// SetQty overwrites a quantity after reading the old one for logging only.
func (s *Service) SetQty(ctx context.Context, user, sku string, qty int64) error {
	key := keys.Cart(s.tenant, user)
	old, err := s.rdb.HGet(ctx, key, sku).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	fmt.Printf("cart %s: %s %q -> %d\n", key, sku, old, qty)
	return s.rdb.HSet(ctx, key, sku, qty).Err() // correct: value not derived from read, write not gated by the value
}

// AddItemSlow is the read-modify-write version.
func (s *Service) AddItemSlow(ctx context.Context, user, sku string, n int64) error {
	key := keys.Cart(s.tenant, user)
	cur, err := s.rdb.HGet(ctx, key, sku).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return s.rdb.HSet(ctx, key, sku, cur+n).Err() // BUG: checkthenact
}

// Touch refreshes the TTL and writes back the exact value it read.
func (s *Service) Touch(ctx context.Context, user string) error {
	key := fmt.Sprintf("cart:summary:%s:%s", s.tenant, user)
	v, err := s.rdb.Get(ctx, key).Result()
	switch {
	case errors.Is(err, redis.Nil):
		return nil
	case err != nil:
		return err
	}
	return s.rdb.Set(ctx, key, v, s.ttl).Err() // correct: writes back exactly the value read
}

// InitCart creates the cart marker only if absent.
func (s *Service) InitCart(ctx context.Context, user string) (bool, error) {
	return s.rdb.HSetNX(ctx, keys.Cart(s.tenant, user), "_created", time.Now().Unix()).Result() // correct: HSETNX
}

// RedeemCoupon: membership check then add, two round trips.
func (s *Service) RedeemCoupon(ctx context.Context, code, user string) (bool, error) {
	set := keys.Coupon(s.tenant, code)
	used, err := s.rdb.SIsMember(ctx, set, user).Result()
	if err != nil {
		return false, err
	}
	if used {
		return false, nil
	}
	if err := s.rdb.SAdd(ctx, set, user).Err(); err != nil { // BUG: checkthenact
		return false, err
	}
	return true, nil
}

// RedeemCouponAtomic uses SADD's reply as the claim.
func (s *Service) RedeemCouponAtomic(ctx context.Context, code, user string) (bool, error) {
	n, err := s.rdb.SAdd(ctx, keys.Coupon(s.tenant, code), user).Result() // correct: SADD reply is the claim
	return n == 1, err
}

// ApplyDiscount checks coupon validity in one key and records usage in another.
func (s *Service) ApplyDiscount(ctx context.Context, code, user string) error {
	valid, err := s.rdb.SIsMember(ctx, "coupons:active:"+s.tenant, code).Result()
	if err != nil || !valid {
		return err
	}
	return s.rdb.HSet(ctx, keys.Cart(s.tenant, user), "coupon", code).Err() // correct: different key
}

// Counter is satisfied by our own types; calls go through the interface.
type Counter interface {
	Bump(ctx context.Context, key string, by int64) (int64, error)
}

type redisCounter struct{ rdb *redis.Client }

func (c redisCounter) Bump(ctx context.Context, key string, by int64) (int64, error) {
	return c.rdb.IncrBy(ctx, key, by).Result() // correct: INCRBY
}

// CountView bumps a view counter through the interface.
func CountView(ctx context.Context, c Counter, sku string) (int64, error) {
	return c.Bump(ctx, "views:"+sku, 1) // correct
}

func NewCounter(rdb *redis.Client) Counter { return redisCounter{rdb: rdb} }

// Merge merges the guest cart into the user cart in a MULTI.
func (s *Service) Merge(ctx context.Context, guest, user string) error {
	gk, uk := keys.Cart(s.tenant, guest), keys.Cart(s.tenant, user)
	items, err := s.rdb.HGetAll(ctx, gk).Result()
	if err != nil {
		return err
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for sku, q := range items {
			n, _ := strconv.ParseInt(q, 10, 64)
			p.HIncrBy(ctx, uk, sku, n) // correct: HINCRBY into another key
		}
		p.Del(ctx, gk)
		return nil
	})
	return err
}

// CheckoutOnce guards a checkout with the SET NX helper lock.
func (s *Service) CheckoutOnce(ctx context.Context, user, token string) error {
	key := keys.Cart(s.tenant, user)
	return rstore.WithLock(ctx, s.rdb, key, token, func() error {
		st, err := s.rdb.HGet(ctx, key, "state").Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		if st == "checked_out" {
			return nil
		}
		return s.rdb.HSet(ctx, key, "state", "checked_out").Err() // correct: under WithLock (SET NX) helper
	})
}

// Snapshot is a value-receiver method reading the cart state with HGet then writing
// a different hash.
type Snapshot struct{ rdb *redis.Client }

func (sn Snapshot) Save(ctx context.Context, tenant, user string) error {
	st, err := sn.rdb.HGet(ctx, keys.Cart(tenant, user), "state").Result()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	return sn.rdb.HSet(ctx, "cart:snap:"+tenant+":"+user, "state", st).Err() // correct: different key
}
