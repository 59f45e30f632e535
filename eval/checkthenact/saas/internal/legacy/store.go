// Package legacy is the old notification service, still on redigo.
package legacy

import (
	"errors"
	"fmt"
	"time"

	"github.com/gomodule/redigo/redis"
)

// Store wraps a redigo pool.
type Store struct {
	pool *redis.Pool
}

// NewStore returns a Store.
func NewStore(addr string) *Store {
	return &Store{pool: &redis.Pool{
		MaxIdle:     8,
		IdleTimeout: 4 * time.Minute,
		Dial:        func() (redis.Conn, error) { return redis.Dial("tcp", addr) },
	}}
}

// SendOnce delivers a push notification once per notification id.
func (s *Store) SendOnce(id string, send func() error) error {
	c := s.pool.Get()
	defer c.Close()
	k := "dedup:push:" + id
	n, err := redis.Int(c.Do("EXISTS", k))
	if err != nil {
		return err
	}
	if n == 1 {
		return nil
	}
	if err := send(); err != nil {
		return err
	}
	_, err = c.Do("SET", k, 1, "EX", 86400) // BUG: checkthenact
	return err
}

// SendOnceNX claims first with SET NX EX; the GET only short-circuits known ids.
func (s *Store) SendOnceNX(id string, send func() error) error {
	c := s.pool.Get()
	defer c.Close()
	k := "dedup:push:" + id
	if _, err := redis.String(c.Do("GET", k)); err == nil {
		return nil
	}
	reply, err := redis.String(c.Do("SET", k, 1, "NX", "EX", 86400))
	if errors.Is(err, redis.ErrNil) {
		return nil
	}
	if err != nil || reply != "OK" {
		return err
	}
	if err := send(); err != nil {
		c.Do("DEL", k)
		return err
	}
	return nil
}

// SendDigestOnce uses lower-case commands, as the old code did everywhere.
func (s *Store) SendDigestOnce(userID, day string, send func() error) error {
	c := s.pool.Get()
	defer c.Close()
	k := fmt.Sprintf("digest:%s:%s", userID, day)
	exists, _ := redis.Bool(c.Do("exists", k))
	if exists {
		return nil
	}
	ok, err := redis.String(c.Do("set", k, time.Now().Unix(), "ex", 3*86400, "nx"))
	if err != nil || ok != "OK" {
		return nil
	}
	return send()
}

// BumpBadge increments the unread badge shown in the app.
func (s *Store) BumpBadge(userID string) (int, error) {
	c := s.pool.Get()
	defer c.Close()
	k := "badge:" + userID
	n, err := redis.Int(c.Do("GET", k))
	if err != nil && !errors.Is(err, redis.ErrNil) {
		return 0, err
	}
	n++
	_, err = c.Do("SET", k, n) // BUG: checkthenact
	return n, err
}

// BumpBadgeV2 uses INCR and sets a TTL on the first bump.
func (s *Store) BumpBadgeV2(userID string) (int, error) {
	c := s.pool.Get()
	defer c.Close()
	k := "badge:" + userID
	n, err := redis.Int(c.Do("INCR", k))
	if err != nil {
		return 0, err
	}
	if n == 1 {
		c.Do("EXPIRE", k, 30*86400)
	}
	return n, nil
}

// Template returns a rendered template, cached for ten minutes (cache-aside).
func (s *Store) Template(name string, render func(string) (string, error)) (string, error) {
	c := s.pool.Get()
	defer c.Close()
	k := "tmpl:" + name
	if v, err := redis.String(c.Do("GET", k)); err == nil {
		return v, nil
	} else if !errors.Is(err, redis.ErrNil) {
		return "", err
	}
	v, err := render(name)
	if err != nil {
		return "", err
	}
	_, _ = c.Do("SETEX", k, 600, v)
	return v, nil
}

var casScript = redis.NewScript(1, `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  redis.call("SET", KEYS[1], ARGV[2])
  return 1
end
return 0`)

// SwapDevice moves push delivery to a new device token if it still points at the old one.
func (s *Store) SwapDevice(userID, newToken string) (bool, error) {
	c := s.pool.Get()
	defer c.Close()
	k := "device:" + userID
	old, err := redis.String(c.Do("GET", k))
	if err != nil {
		return false, err
	}
	if old == newToken {
		return true, nil
	}
	n, err := redis.Int(casScript.Do(c, k, old, newToken))
	return n == 1, err
}

// CountSend records a delivered push in a MULTI/EXEC block.
func (s *Store) CountSend(userID string) error {
	c := s.pool.Get()
	defer c.Close()
	day := time.Now().UTC().Format("20060102")
	k := "sent:" + day
	c.Send("MULTI")
	c.Send("HINCRBY", k, userID, 1)
	c.Send("EXPIRE", k, 8*86400)
	_, err := c.Do("EXEC")
	return err
}

// MuteUntil extends a mute with WATCH/MULTI/EXEC, only ever later.
func (s *Store) MuteUntil(userID string, until time.Time) error {
	c := s.pool.Get()
	defer c.Close()
	k := "mute:" + userID
	for range 3 {
		if _, err := c.Do("WATCH", k); err != nil {
			return err
		}
		cur, err := redis.Int64(c.Do("GET", k))
		if err != nil && !errors.Is(err, redis.ErrNil) {
			c.Do("UNWATCH")
			return err
		}
		next := max(cur, until.Unix())
		c.Send("MULTI")
		c.Send("SET", k, next) // AMBIG: checkthenact
		reply, err := c.Do("EXEC")
		if err != nil {
			return err
		}
		if reply != nil {
			return nil
		}
	}
	return errors.New("legacy: mute contention")
}
