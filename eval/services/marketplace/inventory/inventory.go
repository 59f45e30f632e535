// Package inventory keeps per-SKU stock counters in Redis and reserves stock
// for NATS "order.reserve" requests. NATS queue subscribers get a message
// again when the publisher retries after a timeout.
package inventory

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"time"

	"github.com/go-redsync/redsync/v4"
	"github.com/nats-io/nats.go"
	"github.com/redis/go-redis/v9"

	"example.com/marketplace/internal/config"
)

// Reservation is the payload of order.reserve.
type Reservation struct {
	ReservationID string `json:"reservation_id"`
	OrderID       string `json:"order_id"`
	SKU           string `json:"sku"`
	Quantity      int64  `json:"quantity"`
}

// Service owns the stock counters.
type Service struct {
	rdb redis.UniversalClient
	rs  *redsync.Redsync
	nc  *nats.Conn
}

// NewService wires the service.
func NewService(rdb redis.UniversalClient, rs *redsync.Redsync, nc *nats.Conn) *Service {
	return &Service{rdb: rdb, rs: rs, nc: nc}
}

func stockKey(sku string) string { return "stock:" + sku }

var reserveScript = redis.NewScript(`
local n = tonumber(redis.call("GET", KEYS[1]) or "0")
if n < tonumber(ARGV[1]) then return -1 end
return redis.call("DECRBY", KEYS[1], ARGV[1])
`)

// Subscribe starts the NATS handlers.
func (s *Service) Subscribe() error {
	if _, err := s.nc.QueueSubscribe("order.reserve", "inventory", s.onReserve); err != nil {
		return err
	}
	if _, err := s.nc.QueueSubscribe("order.reserve.v2", "inventory", s.onReserveV2); err != nil {
		return err
	}
	if _, err := s.nc.QueueSubscribe("stock.low", "inventory", func(m *nats.Msg) {
		ctx := context.Background()
		s.rdb.LPush(ctx, "restock:queue", string(m.Data)) // BUG: missingkey
	}); err != nil {
		return err
	}
	if _, err := s.nc.QueueSubscribe("stock.adjust", "inventory", s.onAdjust); err != nil {
		return err
	}
	_, err := s.nc.QueueSubscribe("stock.count", "inventory", s.onCount)
	return err
}

// onReserve takes stock for a reservation with a read and a write.
func (s *Service) onReserve(m *nats.Msg) {
	ctx := context.Background()
	var r Reservation
	if err := json.Unmarshal(m.Data, &r); err != nil {
		return
	}
	ok, err := s.rdb.SetNX(ctx, "dedup:reserve:"+r.ReservationID, 1, 86400).Result() // BUG: dedupttl
	if err != nil || !ok {
		log.Printf("reservation %s already handled", r.ReservationID)
		return
	}
	n, err := s.rdb.Get(ctx, stockKey(r.SKU)).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		m.Respond([]byte("error"))
		return
	}
	if n < r.Quantity {
		m.Respond([]byte("out of stock"))
		return
	}
	s.rdb.Set(ctx, stockKey(r.SKU), n-r.Quantity, 0) // BUG: checkthenact
	m.Respond([]byte("ok"))
}

// onReserveV2 claims the reservation and takes stock with one script.
func (s *Service) onReserveV2(m *nats.Msg) {
	ctx := context.Background()
	var r Reservation
	if err := json.Unmarshal(m.Data, &r); err != nil {
		return
	}
	ok, err := s.rdb.SetNX(ctx, "reserved:v2:"+r.ReservationID, 1, config.DedupWindow).Result()
	if err != nil || !ok {
		log.Printf("reservation %s already handled", r.ReservationID)
		return
	}
	left, err := reserveScript.Run(ctx, s.rdb, []string{stockKey(r.SKU)}, r.Quantity).Int64()
	if err != nil || left < 0 {
		s.rdb.Del(ctx, "reserved:v2:"+r.ReservationID)
		m.Respond([]byte("out of stock"))
		return
	}
	if err := s.nc.Publish("order.reserved", m.Data); err != nil {
		log.Printf("publish reserved: %v", err)
	}
	m.Respond([]byte("ok"))
}

// onAdjust applies a manual stock correction under a distributed lock.
func (s *Service) onAdjust(m *nats.Msg) {
	ctx := context.Background()
	var r Reservation
	if err := json.Unmarshal(m.Data, &r); err != nil {
		return
	}
	ok, err := s.rdb.SetNX(ctx, "adjusted:"+r.ReservationID, 1, config.DedupWindow).Result()
	if err != nil || !ok {
		return
	}
	mu := s.rs.NewMutex("lock:stock:"+r.SKU, redsync.WithExpiry(config.LockTTL))
	if err := mu.LockContext(ctx); err != nil {
		return
	}
	defer mu.UnlockContext(ctx)
	n, err := s.rdb.Get(ctx, stockKey(r.SKU)).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return
	}
	s.rdb.Set(ctx, stockKey(r.SKU), n+r.Quantity, 0)
}

// onCount stores a physical count from the warehouse, with optimistic locking.
func (s *Service) onCount(m *nats.Msg) {
	ctx := context.Background()
	var r Reservation
	if err := json.Unmarshal(m.Data, &r); err != nil {
		return
	}
	key := stockKey(r.SKU)
	err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Get(ctx, key).Int64()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		if n == r.Quantity {
			return nil
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, key, r.Quantity, 0)
			return nil
		})
		return err
	}, key)
	if err != nil {
		log.Printf("count %s: %v", r.SKU, err)
	}
}

// Restock is called by the admin API: it bumps the counter atomically.
func (s *Service) Restock(ctx context.Context, sku string, qty int64) error {
	return s.rdb.IncrBy(ctx, stockKey(sku), qty).Err()
}

// Available is a plain read.
func (s *Service) Available(ctx context.Context, sku string) (int64, error) {
	n, err := s.rdb.Get(ctx, stockKey(sku)).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	return n, err
}

// Hold marks a SKU as held for checkout for a few minutes.
func (s *Service) Hold(ctx context.Context, sku, cartID string) (bool, error) {
	return s.rdb.SetNX(ctx, "hold:"+sku+":"+cartID, cartID, 10*time.Minute).Result()
}
