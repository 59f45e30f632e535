// Package notifier is the 2019 notification service, still on redigo.
package notifier

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/gomodule/redigo/redis"

	"example.com/platform/internal/effects"
)

type Notifier struct {
	pool *redis.Pool
}

func New(addr string) *Notifier {
	return &Notifier{pool: &redis.Pool{
		MaxIdle:     8,
		IdleTimeout: 4 * time.Minute,
		Dial:        func() (redis.Conn, error) { return redis.Dial("tcp", addr) },
	}}
}

// SendReceipt mails a receipt once per payment.
func (n *Notifier) SendReceipt(ctx context.Context, paymentID, email string) error {
	conn := n.pool.Get()
	defer conn.Close()
	key := "receipt:sent:" + paymentID
	exists, err := redis.Bool(conn.Do("EXISTS", key))
	if err != nil {
		return err
	}
	if exists {
		return nil
	}
	if err := effects.SendEmail(ctx, email, "receipt"); err != nil {
		return err
	}
	_, err = conn.Do("SET", key, 1, "EX", 86400*7) // BUG: checkthenact
	return err
}

// SendReceiptNX claims with SET NX EX.
func (n *Notifier) SendReceiptNX(ctx context.Context, paymentID, email string) error {
	conn := n.pool.Get()
	defer conn.Close()
	key := "receipt:sent:" + paymentID
	reply, err := redis.String(conn.Do("SET", key, 1, "NX", "EX", 86400*7))
	if err == redis.ErrNil {
		return nil
	}
	if err != nil || reply != "OK" {
		return err
	}
	if err := effects.SendEmail(ctx, email, "receipt"); err != nil {
		_, _ = conn.Do("DEL", key)
		return err
	}
	return nil
}

// BumpDigestCounter counts how many digest mails a user got today.
func (n *Notifier) BumpDigestCounter(userID string) (int, error) {
	conn := n.pool.Get()
	defer conn.Close()
	key := fmt.Sprintf("digest:count:%s:%s", userID, time.Now().Format("2006-01-02"))
	cur, err := redis.Int(conn.Do("GET", key))
	if err != nil && err != redis.ErrNil {
		return 0, err
	}
	cur++
	if _, err := conn.Do("SET", key, strconv.Itoa(cur), "EX", 86400); err != nil { // BUG: checkthenact
		return 0, err
	}
	return cur, nil
}

// BumpDigestCounterIncr uses INCR.
func (n *Notifier) BumpDigestCounterIncr(userID string) (int, error) {
	conn := n.pool.Get()
	defer conn.Close()
	key := fmt.Sprintf("digest:count:%s:%s", userID, time.Now().Format("2006-01-02"))
	cur, err := redis.Int(conn.Do("INCR", key))
	if err != nil {
		return 0, err
	}
	if cur == 1 {
		_, _ = conn.Do("EXPIRE", key, 86400)
	}
	return cur, nil
}

// Subscribe adds a user to a topic's subscriber set and welcomes them once.
func (n *Notifier) Subscribe(ctx context.Context, topic, userID, email string) error {
	conn := n.pool.Get()
	defer conn.Close()
	set := "topic:" + topic + ":subs"
	member, err := redis.Bool(conn.Do("sismember", set, userID))
	if err != nil {
		return err
	}
	if member {
		return nil
	}
	if err := effects.SendEmail(ctx, email, "welcome-"+topic); err != nil {
		return err
	}
	_, err = conn.Do("sadd", set, userID) // BUG: checkthenact
	return err
}

// SubscribeClaim uses the SADD reply.
func (n *Notifier) SubscribeClaim(ctx context.Context, topic, userID, email string) error {
	conn := n.pool.Get()
	defer conn.Close()
	set := "topic:" + topic + ":subs"
	added, err := redis.Int(conn.Do("SADD", set, userID))
	if err != nil {
		return err
	}
	if added == 0 {
		return nil
	}
	return effects.SendEmail(ctx, email, "welcome-"+topic)
}

var claimScript = redis.NewScript(1, `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
return 1`)

// Remind sends a reminder once, claimed by a Lua script.
func (n *Notifier) Remind(ctx context.Context, invoiceID, email string) error {
	conn := n.pool.Get()
	defer conn.Close()
	ok, err := redis.Bool(claimScript.Do(conn, "remind:"+invoiceID, 86400*3))
	if err != nil || !ok {
		return err
	}
	return effects.SendEmail(ctx, email, "invoice-reminder")
}

// Unsubscribe checks the user's opt-out flag and writes another key.
func (n *Notifier) Unsubscribe(userID string) error {
	conn := n.pool.Get()
	defer conn.Close()
	optedOut, _ := redis.Bool(conn.Do("EXISTS", "optout:"+userID))
	if optedOut {
		return nil
	}
	_, err := conn.Do("SET", "optout:pending:"+userID, time.Now().Unix(), "EX", 3600)
	return err
}

// Template is cache-aside over the template store.
func (n *Notifier) Template(name string, load func(string) (string, error)) (string, error) {
	conn := n.pool.Get()
	defer conn.Close()
	key := "tmpl:" + name
	body, err := redis.String(conn.Do("GET", key))
	if err == nil {
		return body, nil
	}
	body, err = load(name)
	if err != nil {
		return "", err
	}
	_, _ = conn.Do("SETEX", key, 600, body)
	return body, nil
}

// MarkDigestSentWatched uses WATCH/MULTI/EXEC: EXEC returns nil if another
// client changed the key after WATCH.
func (n *Notifier) MarkDigestSentWatched(ctx context.Context, userID, email string) error {
	conn := n.pool.Get()
	defer conn.Close()
	key := "digest:sent:" + userID
	if _, err := conn.Do("WATCH", key); err != nil {
		return err
	}
	sent, err := redis.Bool(conn.Do("EXISTS", key))
	if err != nil || sent {
		_, _ = conn.Do("UNWATCH")
		return err
	}
	_ = conn.Send("MULTI")
	_ = conn.Send("SET", key, 1, "EX", 86400) // AMBIG: checkthenact (correct: WATCH/MULTI/EXEC; redigo WATCH is not in the contract)
	reply, err := conn.Do("EXEC")
	if err != nil {
		return err
	}
	if reply == nil {
		return nil
	}
	return effects.SendEmail(ctx, email, "digest")
}
