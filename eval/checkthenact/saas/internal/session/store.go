// Package session stores login sessions in Redis.
package session

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/saas/internal/keys"
	"example.com/saas/internal/kv"
)

// ErrNotFound means the session does not exist or expired.
var ErrNotFound = errors.New("session: not found")

// Session is one login.
type Session struct {
	ID        string    `json:"id"`
	UserID    string    `json:"uid"`
	Roles     []string  `json:"roles"`
	CreatedAt time.Time `json:"created_at"`
	CSRF      string    `json:"csrf"`
}

// Store keeps sessions as JSON blobs with a sliding TTL.
type Store struct {
	rdb redis.UniversalClient
	ttl time.Duration
}

// New returns a Store.
func New(rdb redis.UniversalClient, ttl time.Duration) *Store { return &Store{rdb: rdb, ttl: ttl} }

func (s *Store) key(id string) string { return keys.Session(id) }

func randomID() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// Create mints a session under a fresh random id; SETNX guards the (unlikely) collision.
func (s *Store) Create(ctx context.Context, userID string, roles []string) (*Session, error) {
	sess := &Session{ID: randomID(), UserID: userID, Roles: roles, CreatedAt: time.Now(), CSRF: randomID()}
	b, err := json.Marshal(sess)
	if err != nil {
		return nil, err
	}
	ok, err := s.rdb.SetNX(ctx, s.key(sess.ID), b, s.ttl).Result()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("session: id collision")
	}
	return sess, nil
}

// Load returns the session and slides its expiry in the same command (GETEX).
func (s *Store) Load(ctx context.Context, id string) (*Session, error) {
	raw, err := s.rdb.GetEx(ctx, s.key(id), s.ttl).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var sess Session
	if err := json.Unmarshal(raw, &sess); err != nil {
		return nil, err
	}
	return &sess, nil
}

// Touch slides the expiry of a live session; EXPIRE is not a write of the value.
func (s *Store) Touch(ctx context.Context, id string) error {
	n, err := s.rdb.Exists(ctx, s.key(id)).Result()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return s.rdb.Expire(ctx, s.key(id), s.ttl).Err()
}

// GrantRole adds a role to a live session (used by the admin "impersonate" flow).
func (s *Store) GrantRole(ctx context.Context, id, role string) error {
	var sess Session
	if err := kv.GetJSON(ctx, s.rdb, s.key(id), &sess); err != nil {
		if errors.Is(err, kv.ErrMiss) {
			return ErrNotFound
		}
		return err
	}
	if slices.Contains(sess.Roles, role) {
		return nil
	}
	sess.Roles = append(sess.Roles, role)
	return kv.SetJSON(ctx, s.rdb, s.key(id), sess, s.ttl) // BUG: checkthenact
}

// RevokeRole removes a role; the read-modify-write runs under WATCH/MULTI.
func (s *Store) RevokeRole(ctx context.Context, id, role string) error {
	k := s.key(id)
	return s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		raw, err := tx.Get(ctx, k).Bytes()
		if errors.Is(err, redis.Nil) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		var sess Session
		if err := json.Unmarshal(raw, &sess); err != nil {
			return err
		}
		sess.Roles = slices.DeleteFunc(sess.Roles, func(r string) bool { return r == role })
		out, err := json.Marshal(sess)
		if err != nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, k, out, redis.KeepTTL)
			return nil
		})
		return err
	}, k)
}

// RotateCSRF replaces the CSRF token only if the blob is still the one we read (SET IFEQ).
func (s *Store) RotateCSRF(ctx context.Context, id string) (string, error) {
	k := s.key(id)
	raw, err := s.rdb.Get(ctx, k).Result()
	if errors.Is(err, redis.Nil) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", err
	}
	var sess Session
	if err := json.Unmarshal([]byte(raw), &sess); err != nil {
		return "", err
	}
	sess.CSRF = randomID()
	out, _ := json.Marshal(sess)
	_, err = s.rdb.SetArgs(ctx, k, out, redis.SetArgs{Mode: "IFEQ", MatchValue: raw, KeepTTL: true}).Result()
	if errors.Is(err, redis.Nil) {
		return "", errors.New("session: concurrent update, retry")
	}
	return sess.CSRF, err
}

// Destroy logs the session out.
func (s *Store) Destroy(ctx context.Context, id string) error {
	return s.rdb.Del(ctx, s.key(id)).Err()
}
