// Package notify sends customer notifications and remembers what it sent in Redis.
package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/gomodule/redigo/redis"
)

// Mailer delivers e-mail.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// Pusher delivers mobile push notifications.
type Pusher interface {
	Push(ctx context.Context, userID, text string) error
}

// OrderEvent is what the order topic carries.
type OrderEvent struct {
	EventID string
	OrderID string
	UserID  string
	Email   string
	Kind    string
}

// Service sends notifications.
type Service struct {
	pool   *redis.Pool
	db     *sql.DB
	mailer Mailer
	pusher Pusher
	log    *slog.Logger
}

// NewPool builds the redigo pool.
func NewPool(addr string) *redis.Pool {
	return &redis.Pool{
		MaxIdle:     16,
		IdleTimeout: 4 * time.Minute,
		DialContext: func(ctx context.Context) (redis.Conn, error) {
			return redis.DialContext(ctx, "tcp", addr)
		},
	}
}

func New(pool *redis.Pool, db *sql.DB, m Mailer, p Pusher, log *slog.Logger) *Service {
	return &Service{pool: pool, db: db, mailer: m, pusher: p, log: log}
}

const dayTTL = 86400

func sentKey(eventID string) string { return fmt.Sprintf("notif:sent:%s", eventID) }

func (s *Service) wasSent(conn redis.Conn, eventID string) (bool, error) {
	return redis.Bool(conn.Do("EXISTS", sentKey(eventID)))
}

func (s *Service) markSent(conn redis.Conn, eventID string) error {
	_, err := conn.Do("SET", sentKey(eventID), 1, "EX", dayTTL)
	return err
}

// SendOrderConfirmation mails the confirmation once per event.
func (s *Service) SendOrderConfirmation(ctx context.Context, evt OrderEvent) error {
	conn, err := s.pool.GetContext(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	sent, err := s.wasSent(conn, evt.EventID)
	if err != nil {
		return err
	}
	if sent {
		return nil
	}
	body, err := s.template(ctx, "order_confirmation")
	if err != nil {
		return err
	}
	if err := s.mailer.Send(ctx, evt.Email, "Your order "+evt.OrderID, body); err != nil {
		return err
	}
	return s.markSent(conn, evt.EventID) // BUG: checkthenact
}

// SendShippedNotice claims the event with SET NX EX before mailing.
func (s *Service) SendShippedNotice(ctx context.Context, evt OrderEvent) error {
	conn := s.pool.Get()
	defer conn.Close()
	_, err := redis.String(conn.Do("SET", sentKey(evt.EventID), 1, "NX", "EX", dayTTL))
	if errors.Is(err, redis.ErrNil) {
		return nil // someone else has it
	}
	if err != nil {
		return err
	}
	return s.mailer.Send(ctx, evt.Email, "Order "+evt.OrderID+" shipped", "on its way")
}

// SendDeliveredPush pushes once per event, checked with lower-case commands.
func (s *Service) SendDeliveredPush(ctx context.Context, evt OrderEvent) error {
	conn := s.pool.Get()
	defer conn.Close()
	key := "push:delivered:" + evt.EventID
	v, err := redis.String(conn.Do("get", key))
	if err != nil && !errors.Is(err, redis.ErrNil) {
		return err
	}
	if v == "sent" {
		return nil
	}
	if err := s.pusher.Push(ctx, evt.UserID, "Your order was delivered"); err != nil {
		return err
	}
	_, err = conn.Do("setex", key, dayTTL, "sent") // BUG: checkthenact
	return err
}

// SendCancelledPush claims in lower case with nx.
func (s *Service) SendCancelledPush(ctx context.Context, evt OrderEvent) error {
	conn := s.pool.Get()
	defer conn.Close()
	key := "push:cancelled:" + evt.EventID
	reply, err := conn.Do("set", key, "sent", "nx", "ex", dayTTL)
	if err != nil {
		return err
	}
	if reply == nil {
		return nil
	}
	return s.pusher.Push(ctx, evt.UserID, "Your order was cancelled")
}

var claimScript = redis.NewScript(1, `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`)

// SendRefundNotice claims through a Lua script.
func (s *Service) SendRefundNotice(ctx context.Context, evt OrderEvent) error {
	conn := s.pool.Get()
	defer conn.Close()
	ok, err := redis.Bool(claimScript.Do(conn, sentKey(evt.EventID), 1, dayTTL))
	if err != nil || !ok {
		return err
	}
	return s.mailer.Send(ctx, evt.Email, "Refund issued", "your refund for "+evt.OrderID)
}

// CountNotification bumps the user's unread badge (read, add, write back).
func (s *Service) CountNotification(userID string) (int, error) {
	conn := s.pool.Get()
	defer conn.Close()
	key := "notif:unread:" + userID
	n, err := redis.Int(conn.Do("GET", key))
	if err != nil && !errors.Is(err, redis.ErrNil) {
		return 0, err
	}
	n++
	if _, err := conn.Do("SET", key, n); err != nil { // BUG: checkthenact
		return 0, err
	}
	return n, nil
}

// CountNotificationIncr uses INCR.
func (s *Service) CountNotificationIncr(userID string) (int, error) {
	conn := s.pool.Get()
	defer conn.Close()
	return redis.Int(conn.Do("INCR", "notif:unread:"+userID))
}

// PushOncePerDevice remembers pushed events per user in a hash.
func (s *Service) PushOncePerDevice(ctx context.Context, evt OrderEvent) error {
	conn := s.pool.Get()
	defer conn.Close()
	hkey := "notif:push:" + evt.UserID
	seen, err := redis.Bool(conn.Do("HEXISTS", hkey, evt.EventID))
	if err != nil {
		return err
	}
	if seen {
		return nil
	}
	if err := s.pusher.Push(ctx, evt.UserID, evt.Kind); err != nil {
		return err
	}
	_, err = conn.Do("HSET", hkey, evt.EventID, time.Now().Unix()) // BUG: checkthenact
	return err
}

// SendWelcome sends the welcome mail the first time a user appears.
func (s *Service) SendWelcome(ctx context.Context, userID, email string) error {
	conn := s.pool.Get()
	defer conn.Close()
	key := "welcome:" + userID
	if _, err := redis.String(conn.Do("GET", key)); err == nil {
		return nil
	} else if !errors.Is(err, redis.ErrNil) {
		return err
	}
	if err := s.mailer.Send(ctx, email, "Welcome!", "hello"); err != nil {
		return err
	}
	_, err := conn.Do("SET", key, "sent") // BUG: checkthenact
	return err
}

// template returns a mail template, caching it in Redis for five minutes.
func (s *Service) template(ctx context.Context, name string) (string, error) {
	conn := s.pool.Get()
	defer conn.Close()
	key := "tmpl:" + name
	body, err := redis.String(conn.Do("GET", key))
	if err == nil {
		return body, nil
	}
	if !errors.Is(err, redis.ErrNil) {
		return "", err
	}
	if err := s.db.QueryRowContext(ctx, `SELECT body FROM mail_templates WHERE name = $1`, name).Scan(&body); err != nil {
		return "", err
	}
	if _, err := conn.Do("SET", key, body, "EX", 300); err != nil {
		s.log.Warn("template cache set", "err", err)
	}
	return body, nil
}

// RememberLastOrder stores the last order id per user after reading prefs (different key).
func (s *Service) RememberLastOrder(evt OrderEvent) error {
	conn := s.pool.Get()
	defer conn.Close()
	prefs, err := redis.String(conn.Do("GET", "prefs:"+evt.UserID))
	if err != nil && !errors.Is(err, redis.ErrNil) {
		return err
	}
	if prefs == "no-tracking" {
		return nil
	}
	_, err = conn.Do("SET", "notif:last:"+evt.UserID, evt.OrderID)
	return err
}
