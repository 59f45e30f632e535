// Package notify consumes order events from a Redis stream and sends notifications.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"example.com/checkout/internal/keys"
	"example.com/checkout/internal/rstore"
	"github.com/redis/go-redis/v9"
)

// Sender sends a message; implemented by our own types below.
type Sender interface {
	Send(ctx context.Context, to, body string) error
}

type emailSender struct{ from string }

func (e emailSender) Send(ctx context.Context, to, body string) error {
	log.Printf("email %s -> %s: %s", e.from, to, body)
	return nil
}

type Worker struct {
	rdb    *redis.Client
	sender Sender
	tenant string
	group  string
	name   string
}

func NewWorker(rdb *redis.Client, tenant string) *Worker {
	return &Worker{rdb: rdb, sender: emailSender{from: "shop@example.com"}, tenant: tenant, group: "notify", name: "w1"}
}

// Publish appends an event to the stream.
func (w *Worker) Publish(ctx context.Context, orderID, user string) error {
	return w.rdb.XAdd(ctx, &redis.XAddArgs{Stream: "orders:events", Values: map[string]any{"order": orderID, "user": user}}).Err() // correct
}

// Run reads the stream with XREADGROUP.
func (w *Worker) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		streams, err := w.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{
			Group: w.group, Consumer: w.name, Streams: []string{"orders:events", ">"}, Count: 10, Block: 5 * time.Second,
		}).Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			return err
		}
		for _, st := range streams {
			for _, m := range st.Messages {
				order, _ := m.Values["order"].(string)
				user, _ := m.Values["user"].(string)
				if err := w.handle(ctx, m.ID, order, user); err != nil {
					log.Printf("handle %s: %v", m.ID, err)
					continue
				}
				w.rdb.XAck(ctx, "orders:events", w.group, m.ID) // correct
			}
		}
	}
	return ctx.Err()
}

func (w *Worker) handle(ctx context.Context, msgID, order, user string) error {
	switch {
	case strings.HasPrefix(order, "test-"):
		return w.handleClaimed(ctx, msgID, order, user)
	case strings.HasPrefix(order, "legacy-"):
		return w.handleLegacy(ctx, msgID, order, user)
	default:
		return w.handleKeyed(ctx, order, user)
	}
}

// handleClaimed claims the message id atomically through the helper.
func (w *Worker) handleClaimed(ctx context.Context, msgID, order, user string) error {
	ok, err := rstore.Claim(ctx, w.rdb, msgID) // correct: SETNX helper
	if err != nil || !ok {
		return err
	}
	return w.sender.Send(ctx, user, "order "+order+" confirmed")
}

// handleLegacy: EXISTS helper, send, SET helper.
func (w *Worker) handleLegacy(ctx context.Context, msgID, order, user string) error {
	seen, err := rstore.Seen(ctx, w.rdb, msgID)
	if err != nil {
		return err
	}
	if seen {
		return nil
	}
	if err := w.sender.Send(ctx, user, "order "+order+" confirmed"); err != nil {
		return err
	}
	return rstore.MarkSeen(ctx, w.rdb, msgID) // BUG: checkthenact
}

// handleKeyed: struct key with a value-receiver String() method.
func (w *Worker) handleKeyed(ctx context.Context, order, user string) error {
	k := keys.NotifKey{Tenant: w.tenant, OrderID: order, Channel: "email"}
	n, err := w.rdb.Exists(ctx, k.String()).Result()
	if err != nil {
		return err
	}
	if n == 1 {
		return nil
	}
	if err := w.sender.Send(ctx, user, "order "+order+" confirmed"); err != nil {
		return err
	}
	return w.rdb.Set(ctx, k.String(), time.Now().Unix(), 7*24*time.Hour).Err() // BUG: checkthenact
}

// handleSMS claims the SMS key with SetArgs NX.
func (w *Worker) handleSMS(ctx context.Context, order, user string) error {
	k := keys.NotifKey{Tenant: w.tenant, OrderID: order, Channel: "sms"}
	_, err := w.rdb.SetArgs(ctx, k.String(), 1, redis.SetArgs{Mode: "NX", TTL: 7 * 24 * time.Hour}).Result() // correct: NX
	if errors.Is(err, redis.Nil) {
		return nil
	}
	if err != nil {
		return err
	}
	return w.sender.Send(ctx, user, "sms: order "+order)
}

// handlePush: status machine switch on GET, racy SET of "sending".
func (w *Worker) handlePush(ctx context.Context, order, user string) error {
	key := fmt.Sprintf("push:%s:%s:%s", w.tenant, order, user)
	state, err := w.rdb.Get(ctx, key).Result()
	switch {
	case errors.Is(err, redis.Nil):
		if err := w.rdb.Set(ctx, key, "sending", time.Hour).Err(); err != nil { // BUG: checkthenact
			return err
		}
		return w.sender.Send(ctx, user, "push "+order)
	case err != nil:
		return err
	}
	switch state {
	case "sent", "sending":
		return nil
	}
	return fmt.Errorf("unknown state %q", state)
}

// handlePushArgOrder: the read key and the written key swap operands: different keys.
func (w *Worker) handleDigest(ctx context.Context, order, user string) error {
	v, err := w.rdb.Get(ctx, fmt.Sprintf("digest:%s:%s", user, order)).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if v != "" {
		return nil
	}
	return w.rdb.Set(ctx, fmt.Sprintf("digest:%s:%s", order, user), "queued", time.Hour).Err() // correct: different key (operands swapped)
}

// Broadcast publishes on pub/sub after a claim by script.
var claimAndPublish = redis.NewScript(`
if redis.call("SET", KEYS[1], "1", "NX", "EX", ARGV[2]) then
  redis.call("PUBLISH", KEYS[2], ARGV[1])
  return 1
end
return 0`)

func (w *Worker) Broadcast(ctx context.Context, order string) (bool, error) {
	key := strings.Join([]string{"bcast", w.tenant, order}, ":")
	n, err := claimAndPublish.Run(ctx, w.rdb, []string{key, "orders:live"}, order, 86400).Int() // correct: Lua
	return n == 1, err
}

// Listen subscribes and mirrors the latest order id.
func (w *Worker) Listen(ctx context.Context) {
	sub := w.rdb.Subscribe(ctx, "orders:live")
	defer sub.Close()
	for msg := range sub.Channel() {
		last, err := w.rdb.Get(ctx, "orders:last:"+w.tenant).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			continue
		}
		if last == msg.Payload {
			continue
		}
		w.rdb.Set(ctx, "orders:last:"+w.tenant, msg.Payload, 0) // AMBIG: checkthenact
	}
}

// Mute uses Watch + TxPipelined to toggle a preference.
func (w *Worker) Mute(ctx context.Context, user string) error {
	key := "prefs:" + w.tenant + ":" + user
	return w.rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.HGet(ctx, key, "muted_count").Int()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, key, "muted", 1, "muted_count", n+1) // correct: WATCH + MULTI
			return nil
		})
		return err
	}, key)
}
