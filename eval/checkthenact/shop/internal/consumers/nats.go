package consumers

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"example.com/shop/internal/cache"
	"example.com/shop/internal/inventory"
	"example.com/shop/internal/notify"
)

// NotifyConsumer turns order events on NATS into notifications.
type NotifyConsumer struct {
	nc     *nats.Conn
	notif  *notify.Service
	inv    *inventory.Service
	dedup  *cache.Deduper
	log    *slog.Logger
	seen   sync.Map // event id -> time handled, process-local
	sent   cache.Typed[string, bool]
	names  sync.Map // sku -> product name
	mu     sync.Mutex
	active sync.Map // order id -> *int32 state
}

func NewNotifyConsumer(nc *nats.Conn, n *notify.Service, inv *inventory.Service, d *cache.Deduper, log *slog.Logger) *NotifyConsumer {
	return &NotifyConsumer{nc: nc, notif: n, inv: inv, dedup: d, log: log}
}

func decode(msg *nats.Msg) (notify.OrderEvent, bool) {
	var evt notify.OrderEvent
	if err := json.Unmarshal(msg.Data, &evt); err != nil {
		return evt, false
	}
	if evt.EventID == "" {
		evt.EventID = msg.Header.Get(nats.MsgIdHdr)
	}
	return evt, true
}

// Start registers all subscriptions.
func (c *NotifyConsumer) Start(ctx context.Context) error {
	if _, err := c.nc.Subscribe("orders.confirmed", func(msg *nats.Msg) {
		evt, ok := decode(msg)
		if !ok {
			return
		}
		if _, dup := c.seen.Load(evt.EventID); dup {
			return
		}
		if err := c.notif.SendShippedNotice(ctx, evt); err != nil {
			c.log.Error("notify", "err", err)
			return
		}
		c.seen.Store(evt.EventID, time.Now()) // BUG: checkthenact
	}); err != nil {
		return err
	}

	if _, err := c.nc.Subscribe("orders.cancelled", func(msg *nats.Msg) {
		evt, ok := decode(msg)
		if !ok {
			return
		}
		if _, loaded := c.seen.LoadOrStore(evt.EventID, time.Now()); loaded {
			return
		}
		_ = c.notif.SendCancelledPush(ctx, evt)
	}); err != nil {
		return err
	}

	if _, err := c.nc.Subscribe("orders.delivered", func(msg *nats.Msg) {
		evt, ok := decode(msg)
		if !ok {
			return
		}
		if done, _ := c.sent.Get(evt.EventID); done {
			return
		}
		_ = c.notif.PushOncePerDevice(ctx, evt)
		c.sent.Set(evt.EventID, true) // BUG: checkthenact
	}); err != nil {
		return err
	}

	if _, err := c.nc.QueueSubscribe("orders.refunded", "notify", func(msg *nats.Msg) {
		evt, ok := decode(msg)
		if !ok {
			return
		}
		if _, loaded := c.sent.GetOrSet(evt.EventID, true); loaded {
			return
		}
		_ = c.notif.SendRefundNotice(ctx, evt)
	}); err != nil {
		return err
	}

	if _, err := c.nc.Subscribe("orders.returned", func(msg *nats.Msg) {
		evt, ok := decode(msg)
		if !ok {
			return
		}
		c.mu.Lock()
		_, dup := c.seen.Load("ret:" + evt.EventID)
		if !dup {
			c.seen.Store("ret:"+evt.EventID, time.Now())
		}
		c.mu.Unlock()
		if dup {
			return
		}
		_ = c.notif.SendRefundNotice(ctx, evt)
	}); err != nil {
		return err
	}

	if _, err := c.nc.Subscribe("orders.state", func(msg *nats.Msg) {
		evt, ok := decode(msg)
		if !ok {
			return
		}
		prev, ok := c.active.Load(evt.OrderID)
		if !ok {
			c.active.LoadOrStore(evt.OrderID, evt.Kind)
			return
		}
		if !c.active.CompareAndSwap(evt.OrderID, prev, evt.Kind) {
			c.log.Info("state changed concurrently", "order", evt.OrderID)
		}
	}); err != nil {
		return err
	}

	if _, err := c.nc.Subscribe("orders.placed", func(msg *nats.Msg) {
		evt, ok := decode(msg)
		if !ok {
			return
		}
		if c.dedup.Seen(ctx, evt.EventID) {
			return
		}
		won, err := c.dedup.Claim(ctx, evt.EventID)
		if err != nil || !won {
			return
		}
		_ = c.notif.SendOrderConfirmation(ctx, evt)
	}); err != nil {
		return err
	}

	_, err := c.nc.Subscribe("orders.welcome", func(msg *nats.Msg) {
		evt, ok := decode(msg)
		if !ok {
			return
		}
		if c.dedup.Seen(ctx, evt.EventID) {
			return
		}
		_ = c.notif.SendWelcome(ctx, evt.UserID, evt.Email)
		c.dedup.MarkSeen(ctx, evt.EventID) // BUG: checkthenact
	})
	return err
}

// ProductName returns a product name, memoised in-process (cache-aside).
func (c *NotifyConsumer) ProductName(ctx context.Context, sku string) (string, error) {
	if v, ok := c.names.Load(sku); ok {
		return v.(string), nil
	}
	name, err := c.inv.ProductName(ctx, sku)
	if err != nil {
		return "", err
	}
	c.names.Store(sku, name)
	return name, nil
}
