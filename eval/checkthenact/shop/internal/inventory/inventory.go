// Package inventory keeps stock levels and reservations in Redis.
package inventory

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/bsm/redislock"
	"github.com/go-redsync/redsync/v4"
	"github.com/go-redsync/redsync/v4/redis/goredis/v9"
	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/errgroup"
)

// ErrOutOfStock is returned when a reservation cannot be satisfied.
var ErrOutOfStock = errors.New("out of stock")

// ErrRateLimited is returned when a tenant exceeds its quota.
var ErrRateLimited = errors.New("rate limited")

// StockEvent is a warehouse stock adjustment.
type StockEvent struct {
	ID    string `json:"id"`
	SKU   string `json:"sku"`
	Delta int64  `json:"delta"`
}

// Product is the cached catalog entry.
type Product struct {
	SKU   string
	Name  string
	Price int64
}

// ProductLoader loads a product from the catalog database.
type ProductLoader interface {
	LoadProduct(ctx context.Context, sku string) (Product, error)
}

// Service owns stock keys.
type Service struct {
	rdb     redis.UniversalClient
	cluster *redis.ClusterClient
	rs      *redsync.Redsync
	locker  *redislock.Client
	loader  ProductLoader
	log     *slog.Logger

	mu sync.Mutex // guards local bookkeeping only
}

// New builds the service.
func New(rdb redis.UniversalClient, cluster *redis.ClusterClient, loader ProductLoader, log *slog.Logger) *Service {
	return &Service{
		rdb:     rdb,
		cluster: cluster,
		rs:      redsync.New(goredis.NewPool(rdb)),
		locker:  redislock.New(rdb),
		loader:  loader,
		log:     log,
	}
}

func stockKey(sku string) string         { return "stock:" + sku }
func eventKey(id string) string          { return fmt.Sprintf("inv:evt:%s", id) }
func reservationKey(order string) string { return "reservations:" + order }

var reserveScript = redis.NewScript(`
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n < tonumber(ARGV[1]) then return -1 end
return redis.call('DECRBY', KEYS[1], ARGV[1])
`)

// Reserve takes qty units of sku (read, compare, write back).
func (s *Service) Reserve(ctx context.Context, sku string, qty int64) error {
	n, err := s.rdb.Get(ctx, stockKey(sku)).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n < qty {
		return ErrOutOfStock
	}
	return s.rdb.Set(ctx, stockKey(sku), n-qty, 0).Err() // BUG: checkthenact
}

// ReserveScript does the same in one Lua call.
func (s *Service) ReserveScript(ctx context.Context, sku string, qty int64) error {
	left, err := reserveScript.Run(ctx, s.rdb, []string{stockKey(sku)}, qty).Int64()
	if err != nil {
		return err
	}
	if left < 0 {
		return ErrOutOfStock
	}
	return nil
}

// ReserveOptimistic uses WATCH/MULTI/EXEC.
func (s *Service) ReserveOptimistic(ctx context.Context, sku string, qty int64) error {
	key := stockKey(sku)
	return s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Get(ctx, key).Int64()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		if n < qty {
			return ErrOutOfStock
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, n-qty, 0)
			return nil
		})
		return err
	}, key)
}

// ReserveCAS writes back only if the value is still what was read (SET ... IFEQ).
func (s *Service) ReserveCAS(ctx context.Context, sku string, qty int64) error {
	key := stockKey(sku)
	cur, err := s.rdb.Get(ctx, key).Result()
	if err != nil {
		return err
	}
	n, _ := strconv.ParseInt(cur, 10, 64)
	if n < qty {
		return ErrOutOfStock
	}
	res, err := s.rdb.SetArgs(ctx, key, n-qty, redis.SetArgs{Mode: "IFEQ", MatchValue: cur}).Result() // AMBIG: checkthenact
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if res != "OK" {
		return errors.New("concurrent update, retry")
	}
	return nil
}

// ApplyStockEvent applies a warehouse adjustment once per event id.
func (s *Service) ApplyStockEvent(ctx context.Context, evt StockEvent) error {
	if s.rdb.Exists(ctx, eventKey(evt.ID)).Val() > 0 {
		return nil
	}
	if err := s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta).Err(); err != nil {
		return err
	}
	return s.rdb.Set(ctx, eventKey(evt.ID), 1, 48*time.Hour).Err() // BUG: checkthenact
}

// ApplyStockEventNX claims the event id first.
func (s *Service) ApplyStockEventNX(ctx context.Context, evt StockEvent) error {
	ok, err := s.rdb.SetNX(ctx, eventKey(evt.ID), 1, 48*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	return s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta).Err()
}

// ApplyStockEventArgs claims with SET NX EX through SetArgs after a cheap pre-check.
func (s *Service) ApplyStockEventArgs(ctx context.Context, evt StockEvent) error {
	if s.rdb.Exists(ctx, eventKey(evt.ID)).Val() > 0 {
		return nil
	}
	res, err := s.rdb.SetArgs(ctx, eventKey(evt.ID), 1, redis.SetArgs{Mode: "NX", TTL: 48 * time.Hour}).Result()
	if errors.Is(err, redis.Nil) || res != "OK" {
		return nil
	}
	if err != nil {
		return err
	}
	return s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta).Err()
}

// ApplyStockEventSet remembers applied event ids per SKU in a set.
func (s *Service) ApplyStockEventSet(ctx context.Context, evt StockEvent) error {
	applied := "inv:applied:" + evt.SKU
	if s.rdb.SIsMember(ctx, applied, evt.ID).Val() {
		return nil
	}
	if err := s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta).Err(); err != nil {
		return err
	}
	return s.rdb.SAdd(ctx, applied, evt.ID).Err() // BUG: checkthenact
}

// ApplyStockEventSAdd uses SADD's reply as the claim.
func (s *Service) ApplyStockEventSAdd(ctx context.Context, evt StockEvent) error {
	added, err := s.rdb.SAdd(ctx, "inv:applied:"+evt.SKU, evt.ID).Result()
	if err != nil || added == 0 {
		return err
	}
	return s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta).Err()
}

// ApplyBatch applies a batch, skipping events already recorded.
func (s *Service) ApplyBatch(ctx context.Context, sku string, evts []StockEvent) error {
	applied := "inv:applied:" + sku
	ids := make([]interface{}, len(evts))
	for i, e := range evts {
		ids[i] = e.ID
	}
	seen, err := s.rdb.SMIsMember(ctx, applied, ids...).Result()
	if err != nil {
		return err
	}
	var delta int64
	var fresh []interface{}
	for i, e := range evts {
		if seen[i] {
			continue
		}
		delta += e.Delta
		fresh = append(fresh, e.ID)
	}
	if len(fresh) == 0 {
		return nil
	}
	if err := s.rdb.IncrBy(ctx, stockKey(sku), delta).Err(); err != nil {
		return err
	}
	return s.rdb.SAdd(ctx, applied, fresh...).Err() // BUG: checkthenact
}

// AllowRequest enforces a per-tenant quota (read, compare, increment).
func (s *Service) AllowRequest(ctx context.Context, tenant string, limit int64) error {
	key := "rl:" + tenant + ":" + time.Now().UTC().Format("200601021504")
	n, err := s.rdb.Get(ctx, key).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n >= limit {
		return ErrRateLimited
	}
	return s.rdb.Incr(ctx, key).Err() // BUG: checkthenact
}

// AllowRequestIncr increments first and compares the reply.
func (s *Service) AllowRequestIncr(ctx context.Context, tenant string, limit int64) error {
	key := "rl:" + tenant + ":" + time.Now().UTC().Format("200601021504")
	n, err := s.rdb.Incr(ctx, key).Result()
	if err != nil {
		return err
	}
	if n == 1 {
		s.rdb.Expire(ctx, key, 2*time.Minute)
	}
	if n > limit {
		return ErrRateLimited
	}
	return nil
}

// Product returns the product, loading it into the cache on a miss.
func (s *Service) Product(ctx context.Context, sku string) (Product, error) {
	key := "product:" + sku
	if name, err := s.rdb.HGet(ctx, key, "name").Result(); err == nil {
		price, _ := s.rdb.HGet(ctx, key, "price").Int64()
		return Product{SKU: sku, Name: name, Price: price}, nil
	} else if !errors.Is(err, redis.Nil) {
		return Product{}, err
	}
	p, err := s.loader.LoadProduct(ctx, sku)
	if err != nil {
		return Product{}, err
	}
	s.rdb.HSet(ctx, key, "name", p.Name, "price", p.Price)
	s.rdb.Expire(ctx, key, 10*time.Minute)
	return p, nil
}

// ProductName is cache-aside on the cluster.
func (s *Service) ProductName(ctx context.Context, sku string) (string, error) {
	key := "product:name:" + sku
	v, err := s.cluster.Get(ctx, key).Result()
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	p, err := s.loader.LoadProduct(ctx, sku)
	if err != nil {
		return "", err
	}
	s.cluster.Set(ctx, key, p.Name, 15*time.Minute)
	return p.Name, nil
}

// Touch records when a known SKU was last queried (different key).
func (s *Service) Touch(ctx context.Context, sku string) {
	if s.rdb.Exists(ctx, stockKey(sku)).Val() == 0 {
		return
	}
	s.rdb.Set(ctx, "stock:lastseen:"+sku, time.Now().Unix(), 24*time.Hour)
}

// AddToReservation adds qty of sku to an order's reservation hash (read, add, write).
func (s *Service) AddToReservation(ctx context.Context, orderID, sku string, qty int64) error {
	cur, err := s.cluster.HGet(ctx, reservationKey(orderID), sku).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return s.cluster.HSet(ctx, reservationKey(orderID), sku, cur+qty).Err() // BUG: checkthenact
}

// AddToReservationIncr does it with HINCRBY, logging the previous value.
func (s *Service) AddToReservationIncr(ctx context.Context, orderID, sku string, qty int64) error {
	prev, _ := s.cluster.HGet(ctx, reservationKey(orderID), sku).Int64()
	s.log.Debug("reservation", "order", orderID, "sku", sku, "prev", prev)
	return s.cluster.HIncrBy(ctx, reservationKey(orderID), sku, qty).Err()
}

// OpenReservation creates the reservation entry the first time an order is seen.
func (s *Service) OpenReservation(ctx context.Context, orderID, sku string, qty int64) error {
	if s.cluster.HExists(ctx, reservationKey(orderID), sku).Val() {
		return nil
	}
	if err := s.cluster.DecrBy(ctx, stockKey(sku), qty).Err(); err != nil {
		return err
	}
	return s.cluster.HSet(ctx, reservationKey(orderID), sku, qty).Err() // BUG: checkthenact
}

// OpenReservationNX claims the field with HSETNX.
func (s *Service) OpenReservationNX(ctx context.Context, orderID, sku string, qty int64) error {
	created, err := s.cluster.HSetNX(ctx, reservationKey(orderID), sku, qty).Result()
	if err != nil || !created {
		return err
	}
	return s.cluster.DecrBy(ctx, stockKey(sku), qty).Err()
}

// ReleaseReservation deletes the reservation if present (DEL is not a claim write).
func (s *Service) ReleaseReservation(ctx context.Context, orderID string) error {
	if s.cluster.Exists(ctx, reservationKey(orderID)).Val() == 0 {
		return nil
	}
	return s.cluster.Del(ctx, reservationKey(orderID)).Err()
}

// ConsumeToken redeems a one-time token.
func (s *Service) ConsumeToken(ctx context.Context, token string) (bool, error) {
	v, err := s.rdb.GetDel(ctx, "token:"+token).Result()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	return v != "", err
}

// MarkOnce uses GETSET's old value as the claim.
func (s *Service) MarkOnce(ctx context.Context, id string) (bool, error) {
	old, err := s.rdb.GetSet(ctx, "once:"+id, "1").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, err
	}
	return old != "1", nil
}

// ApplyLocked applies the event under a process mutex (does not span replicas).
func (s *Service) ApplyLocked(ctx context.Context, evt StockEvent) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rdb.Exists(ctx, eventKey(evt.ID)).Val() > 0 {
		return nil
	}
	s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta)
	return s.rdb.Set(ctx, eventKey(evt.ID), 1, 48*time.Hour).Err() // BUG: checkthenact
}

// ApplyRedsync applies the event under a redsync mutex on the SKU.
func (s *Service) ApplyRedsync(ctx context.Context, evt StockEvent) error {
	m := s.rs.NewMutex("lock:stock:" + evt.SKU)
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	defer m.UnlockContext(ctx)
	n, err := s.rdb.Get(ctx, stockKey(evt.SKU)).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return s.rdb.Set(ctx, stockKey(evt.SKU), n+evt.Delta, 0).Err()
}

// ApplyRedislock applies the event under a bsm/redislock lock on the event.
func (s *Service) ApplyRedislock(ctx context.Context, evt StockEvent) error {
	lock, err := s.locker.Obtain(ctx, "lock:"+eventKey(evt.ID), 30*time.Second, nil)
	if err != nil {
		return err
	}
	defer lock.Release(ctx)
	if s.rdb.Exists(ctx, eventKey(evt.ID)).Val() > 0 {
		return nil
	}
	if err := s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta).Err(); err != nil {
		return err
	}
	return s.rdb.Set(ctx, eventKey(evt.ID), 1, 48*time.Hour).Err()
}

// ApplyDeferred records the event on the way out.
func (s *Service) ApplyDeferred(ctx context.Context, evt StockEvent) error {
	key := eventKey(evt.ID)
	if s.rdb.Exists(ctx, key).Val() > 0 {
		return nil
	}
	defer s.rdb.Set(ctx, key, 1, 48*time.Hour) // BUG: checkthenact
	return s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta).Err()
}

// ApplyPipelinedCheck checks through a pipeline, then marks.
func (s *Service) ApplyPipelinedCheck(ctx context.Context, evt StockEvent) error {
	pipe := s.rdb.Pipeline()
	seen := pipe.Exists(ctx, eventKey(evt.ID))
	stock := pipe.Get(ctx, stockKey(evt.SKU))
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if seen.Val() > 0 {
		return nil
	}
	s.log.Info("applying", "sku", evt.SKU, "before", stock.Val())
	s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta)
	return s.rdb.Set(ctx, eventKey(evt.ID), 1, 48*time.Hour).Err() // BUG: checkthenact
}

// ApplyParallel fans the write out in an errgroup after the check.
func (s *Service) ApplyParallel(ctx context.Context, evt StockEvent, mirrors []string) error {
	if s.rdb.Exists(ctx, eventKey(evt.ID)).Val() > 0 {
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	for _, m := range mirrors {
		g.Go(func() error {
			return s.rdb.IncrBy(gctx, m+":"+stockKey(evt.SKU), evt.Delta).Err()
		})
	}
	g.Go(func() error {
		return s.rdb.Set(gctx, eventKey(evt.ID), 1, 48*time.Hour).Err() // BUG: checkthenact
	})
	return g.Wait()
}

// ApplyParallelClaimed claims first, then fans out.
func (s *Service) ApplyParallelClaimed(ctx context.Context, evt StockEvent, mirrors []string) error {
	if !s.rdb.SetNX(ctx, eventKey(evt.ID), 1, 48*time.Hour).Val() {
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	for _, m := range mirrors {
		g.Go(func() error {
			return s.rdb.IncrBy(gctx, m+":"+stockKey(evt.SKU), evt.Delta).Err()
		})
	}
	return g.Wait()
}

// ApplyWithRetry retries the adjustment with backoff, recording the event when done.
func (s *Service) ApplyWithRetry(ctx context.Context, evt StockEvent) error {
	backoff := 100 * time.Millisecond
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		if s.rdb.Exists(ctx, eventKey(evt.ID)).Val() > 0 {
			return nil
		}
		lastErr = s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta).Err()
		if lastErr == nil {
			return s.rdb.Set(ctx, eventKey(evt.ID), 1, 48*time.Hour).Err() // BUG: checkthenact
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff *= 2
	}
	return lastErr
}

// ApplyWithRetryNX retries the adjustment after claiming once.
func (s *Service) ApplyWithRetryNX(ctx context.Context, evt StockEvent) error {
	ok, err := s.rdb.SetNX(ctx, eventKey(evt.ID), 1, 48*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	backoff := 100 * time.Millisecond
	for attempt := 0; attempt < 5; attempt++ {
		if err = s.rdb.IncrBy(ctx, stockKey(evt.SKU), evt.Delta).Err(); err == nil {
			return nil
		}
		time.Sleep(backoff)
		backoff *= 2
	}
	return err
}

// SnapshotStock overwrites the cached level from the warehouse, logging the old one.
func (s *Service) SnapshotStock(ctx context.Context, sku string, level int64) error {
	old := s.rdb.Get(ctx, stockKey(sku)).Val()
	if err := s.rdb.Set(ctx, stockKey(sku), level, 0).Err(); err != nil {
		return err
	}
	s.log.Info("stock snapshot", "sku", sku, "old", old, "new", level)
	return nil
}

// MarkApplied records an event in the cluster with WATCH + TxPipelined.
func (s *Service) MarkApplied(ctx context.Context, evt StockEvent) error {
	key := eventKey(evt.ID)
	return s.cluster.Watch(ctx, func(tx *redis.Tx) error {
		if tx.Exists(ctx, key).Val() > 0 {
			return nil
		}
		_, err := tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.IncrBy(ctx, stockKey(evt.SKU), evt.Delta)
			pipe.Set(ctx, key, 1, 48*time.Hour)
			return nil
		})
		return err
	}, key)
}
