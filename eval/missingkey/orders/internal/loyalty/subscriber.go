// Package loyalty awards and redeems points from order events on NATS.
package loyalty

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/redis/go-redis/v9"

	"example.com/orders/internal/dedup"
	"example.com/orders/internal/store"
)

type OrderCompleted struct {
	OrderID    string `json:"order_id"`
	CustomerID string `json:"customer_id"`
	TotalCents int64  `json:"total_cents"`
}

type Redemption struct {
	CustomerID string `json:"customer_id"`
	AccountID  string `json:"account_id"`
	Points     int64  `json:"points"`
}

type Referral struct {
	ReferrerID string `json:"referrer_id"`
	NewUserID  string `json:"new_user_id"`
}

type Subscriber struct {
	nc     *nats.Conn
	rdb    *redis.Client
	ledger *store.Ledger
	claims *dedup.Store
	log    *slog.Logger
	subs   []*nats.Subscription
}

func NewSubscriber(nc *nats.Conn, rdb *redis.Client, ledger *store.Ledger, claims *dedup.Store, log *slog.Logger) *Subscriber {
	return &Subscriber{nc: nc, rdb: rdb, ledger: ledger, claims: claims, log: log}
}

// Start registers all subscriptions.
func (s *Subscriber) Start() error {
	sub, err := s.nc.QueueSubscribe("orders.completed", "loyalty", s.onOrderCompleted)
	if err != nil {
		return err
	}
	s.subs = append(s.subs, sub)
	if sub, err = s.nc.QueueSubscribe("loyalty.redeem", "loyalty", s.onRedeem); err != nil {
		return err
	}
	s.subs = append(s.subs, sub)
	if sub, err = s.nc.QueueSubscribe("loyalty.referral", "loyalty", s.recovering(s.onReferral)); err != nil {
		return err
	}
	s.subs = append(s.subs, sub)
	sub, err = s.nc.Subscribe("loyalty.tier.changed", func(m *nats.Msg) {
		var t struct {
			CustomerID string `json:"customer_id"`
			Tier       string `json:"tier"`
		}
		if err := json.Unmarshal(m.Data, &t); err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		s.rdb.HSet(ctx, "customer:"+t.CustomerID, "tier", t.Tier)
	})
	if err != nil {
		return err
	}
	s.subs = append(s.subs, sub)
	return nil
}

func (s *Subscriber) recovering(next nats.MsgHandler) nats.MsgHandler {
	return func(m *nats.Msg) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("loyalty handler panicked", "subject", m.Subject, "panic", r)
			}
		}()
		next(m)
	}
}

func points(cents int64) int64 { return cents / 100 }

func (s *Subscriber) onOrderCompleted(m *nats.Msg) {
	var ev OrderCompleted
	if err := json.Unmarshal(m.Data, &ev); err != nil {
		s.log.Warn("bad order.completed", "err", err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	pts := points(ev.TotalCents)
	if pts == 0 {
		return
	}
	if err := s.rdb.HIncrBy(ctx, "loyalty:"+ev.CustomerID, "points", pts).Err(); err != nil { // BUG: missingkey
		s.log.Error("award points", "err", err)
		return
	}
	s.rdb.HSet(ctx, "loyalty:"+ev.CustomerID, "last_order", ev.OrderID)
}

func (s *Subscriber) onRedeem(m *nats.Msg) {
	var r Redemption
	if err := json.Unmarshal(m.Data, &r); err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	id := m.Header.Get(nats.MsgIdHdr)
	if id == "" {
		s.log.Warn("redeem without Nats-Msg-Id, dropped")
		return
	}
	ok, err := s.claims.Claim(ctx, "redeem", id)
	if err != nil || !ok {
		return
	}
	if err := s.ledger.Credit(ctx, r.AccountID, r.Points, "redeem:"+id); err != nil {
		_ = s.claims.Release(ctx, "redeem", id)
		s.log.Error("redeem", "err", err)
		return
	}
	_ = m.Respond([]byte(`{"ok":true}`))
}

func (s *Subscriber) onReferral(m *nats.Msg) {
	var r Referral
	if err := json.Unmarshal(m.Data, &r); err != nil {
		return
	}
	out, _ := json.Marshal(map[string]string{"user_id": r.ReferrerID, "template": "referral_bonus"})
	if err := s.nc.Publish("notifications.push", out); err != nil { // BUG: missingkey
		s.log.Error("referral push", "err", err)
	}
}

// Stop drains the subscriptions.
func (s *Subscriber) Stop() {
	for _, sub := range s.subs {
		_ = sub.Drain()
	}
}
