// Package legacy is the pre-2022 notification service, still on redigo.
package legacy

import (
	"errors"
	"fmt"
	"log"

	"github.com/gomodule/redigo/redis"
)

// Sender delivers a push notification.
type Sender interface {
	Send(userID, msg string) error
}

// Notifier dedups push notifications by message id.
type Notifier struct {
	pool   *redis.Pool
	sender Sender
}

func NewNotifier(pool *redis.Pool, s Sender) *Notifier { return &Notifier{pool: pool, sender: s} }

func pushKey(msgID string) string { return "push:sent:" + msgID }

// Push sends once per message id (EXISTS then SET: racy).
func (n *Notifier) Push(msgID, userID, msg string) error {
	conn := n.pool.Get()
	defer conn.Close()

	key := pushKey(msgID)
	sent, err := redis.Bool(conn.Do("EXISTS", key))
	if err != nil {
		return err
	}
	if sent {
		return nil
	}
	if err := n.sender.Send(userID, msg); err != nil {
		return err
	}
	_, err = conn.Do("SET", key, 1, "EX", 7*24*3600) // BUG: checkthenact
	return err
}

// PushNX claims the message id with SET NX EX before sending.
func (n *Notifier) PushNX(msgID, userID, msg string) error {
	conn := n.pool.Get()
	defer conn.Close()

	reply, err := redis.String(conn.Do("set", pushKey(msgID), 1, "nx", "ex", 7*24*3600))
	if errors.Is(err, redis.ErrNil) {
		return nil // already sent
	}
	if err != nil {
		return err
	}
	if reply != "OK" {
		return fmt.Errorf("unexpected reply %q", reply)
	}
	return n.sender.Send(userID, msg)
}

// Badge increments the unread badge by reading and writing back.
func (n *Notifier) Badge(userID string) (int, error) {
	conn := n.pool.Get()
	defer conn.Close()
	key := fmt.Sprintf("badge:%s", userID)
	cur, err := redis.Int(conn.Do("GET", key))
	if err != nil && !errors.Is(err, redis.ErrNil) {
		return 0, err
	}
	cur++
	if _, err := conn.Do("SET", key, cur); err != nil { // BUG: checkthenact
		return 0, err
	}
	return cur, nil
}

// BadgeIncr uses INCR.
func (n *Notifier) BadgeIncr(userID string) (int, error) {
	conn := n.pool.Get()
	defer conn.Close()
	return redis.Int(conn.Do("INCR", fmt.Sprintf("badge:%s", userID)))
}

// Subscribe adds the user to a topic once, recording who subscribed first.
func (n *Notifier) Subscribe(topic, userID string) error {
	conn := n.pool.Get()
	defer conn.Close()
	key := "topic:" + topic
	ok, err := redis.Bool(conn.Do("sismember", key, userID))
	if err != nil {
		return err
	}
	if !ok {
		if err := n.sender.Send(userID, "subscribed to "+topic); err != nil {
			return err
		}
		if _, err := conn.Do("sadd", key, userID); err != nil { // BUG: checkthenact
			return err
		}
	}
	return nil
}

// Preferences caches user preferences loaded from the DB (cache-aside).
func (n *Notifier) Preferences(userID string, load func(string) (string, error)) (string, error) {
	conn := n.pool.Get()
	defer conn.Close()
	key := "prefs:" + userID
	v, err := redis.String(conn.Do("GET", key))
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, redis.ErrNil) {
		return "", err
	}
	v, err = load(userID)
	if err != nil {
		return "", err
	}
	if _, err := conn.Do("SET", key, v, "EX", 600); err != nil {
		log.Printf("prefs cache set: %v", err)
	}
	return v, nil
}

var dedupScript = redis.NewScript(1, `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
`)

// Digest sends the daily digest once; the check and set run in one script.
func (n *Notifier) Digest(userID, day, body string) error {
	conn := n.pool.Get()
	defer conn.Close()
	ok, err := redis.Int(dedupScript.Do(conn, "digest:"+userID+":"+day, 1, 86400*3))
	if err != nil {
		return err
	}
	if ok == 1 {
		return n.sender.Send(userID, body)
	}
	return nil
}

// MarkRead reads the unread hash field and clears another user's field (different key).
func (n *Notifier) MarkRead(userID, otherID string) error {
	conn := n.pool.Get()
	defer conn.Close()
	exists, err := redis.Bool(conn.Do("HEXISTS", "unread", userID))
	if err != nil || !exists {
		return err
	}
	_, err = conn.Do("HSET", "unread:cleared", otherID, 1)
	return err
}

// Welcome greets a user once; HEXISTS then HSET on the same field.
func (n *Notifier) Welcome(userID string) error {
	conn := n.pool.Get()
	defer conn.Close()
	exists, err := redis.Bool(conn.Do("HEXISTS", "welcomed", userID))
	if err != nil {
		return err
	}
	if exists {
		return nil
	}
	if err := n.sender.Send(userID, "welcome!"); err != nil {
		return err
	}
	_, err = conn.Do("HSET", "welcomed", userID, 1) // BUG: checkthenact
	return err
}
