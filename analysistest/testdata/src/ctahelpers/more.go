package ctahelpers

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

type Trips struct{ rdb redis.UniversalClient }

func (t *Trips) status(ctx context.Context, id string) (string, error) {
	return t.rdb.Get(ctx, "trip:"+id).Result()
}

func (t *Trips) setStatus(ctx context.Context, id, s string) error {
	return t.rdb.Set(ctx, "trip:"+id, s, time.Hour).Err()
}

// touch writes back what a helper read, refreshing the TTL: nothing is lost.
func (t *Trips) touch(ctx context.Context, id string) error {
	s, err := t.status(ctx, id)
	if err != nil {
		return err
	}
	return t.setStatus(ctx, id, s)
}

// advance writes a status computed from the one read: a lost update.
func (t *Trips) advance(ctx context.Context, id string) error {
	s, err := t.status(ctx, id)
	if err != nil {
		return err
	}
	return t.setStatus(ctx, id, s+">next") // want `read-modify-write of "trip:"\+id`
}

// refreshStats writes back the cached value it found, under a computed key.
func refreshStats(ctx context.Context, rdb redis.UniversalClient) {
	key := "stats:" + time.Now().Format("2006-01-02")
	if v, err := rdb.Get(ctx, key).Result(); err == nil {
		rdb.Set(ctx, key, v, 24*time.Hour)
	}
}

// seenOrDecodeFails falls through to the act when the cached marker does not decode.
func seenOrDecodeFails(ctx context.Context, rdb redis.UniversalClient, id string) {
	raw, err := rdb.Get(ctx, "webhook:seen:"+id).Bytes()
	if err == nil {
		var at time.Time
		if json.Unmarshal(raw, &at) == nil {
			return
		}
	}
	charge(id)
	rdb.Set(ctx, "webhook:seen:"+id, time.Now().Unix(), 24*time.Hour) // want `GET then SET of "webhook:seen:"\+id is not atomic`
}

// seenOrDecodeFailsLogs only logs a marker that does not decode: the write runs
// whatever was read, so the read decides nothing.
func seenOrDecodeFailsLogs(ctx context.Context, rdb redis.UniversalClient, id string) {
	raw, err := rdb.Get(ctx, "webhook:seen:"+id).Bytes()
	if err == nil {
		var at time.Time
		if json.Unmarshal(raw, &at) != nil {
			println("corrupt marker")
		}
	}
	rdb.Set(ctx, "webhook:seen:"+id, time.Now().Unix(), 24*time.Hour)
}

// lastLogin only bails out on a Redis error: the write happens found or not.
func lastLogin(ctx context.Context, rdb *redis.Client, user string) error {
	if err := rdb.Get(ctx, "login:"+user).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return rdb.Set(ctx, "login:"+user, time.Now().Unix(), 0).Err()
}

func newToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ensureSession mints a token on a miss: two requests mint two sessions.
func ensureSession(ctx context.Context, rdb redis.UniversalClient, user string) string {
	tok, err := rdb.Get(ctx, "session:"+user).Result()
	if err == nil {
		return tok
	}
	tok = newToken()
	rdb.Set(ctx, "session:"+user, tok, time.Hour) // want `GET then SET of "session:"\+user is not atomic`
	return tok
}

// loadSession caches a session loaded from the database.
func loadSession(ctx context.Context, rdb redis.UniversalClient, db *sql.DB, user string) string {
	tok, err := rdb.Get(ctx, "session:"+user).Result()
	if err == nil {
		return tok
	}
	if err := db.QueryRowContext(ctx, `SELECT token FROM sessions WHERE user_id = $1`, user).Scan(&tok); err != nil {
		return ""
	}
	rdb.Set(ctx, "session:"+user, tok, time.Hour)
	return tok
}

type Driver struct{ ID, Name string }

// driverProfile is cache-aside: GetJSON fills p on a hit, Scan refills it field by
// field from the database on a miss, and SetJSON stores that.
func driverProfile(ctx context.Context, st *JSONStore, db *sql.DB, id string) (*Driver, error) {
	var p Driver
	if err := st.GetJSON(ctx, "driver:"+id, &p); err == nil {
		return &p, nil
	}
	if err := db.QueryRowContext(ctx, `SELECT id, name FROM drivers WHERE id = $1`, id).Scan(&p.ID, &p.Name); err != nil {
		return nil, err
	}
	_ = st.SetJSON(ctx, "driver:"+id, p, 10*time.Minute)
	return &p, nil
}

type JSONStore struct{ rdb redis.UniversalClient }

func (s *JSONStore) GetJSON(ctx context.Context, key string, v any) error {
	raw, err := s.rdb.Get(ctx, key).Bytes()
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

func (s *JSONStore) SetJSON(ctx context.Context, key string, v any, ttl time.Duration) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.rdb.Set(ctx, key, raw, ttl).Err()
}

// renameDriver changes a field of the cached profile and writes it back.
func renameDriver(ctx context.Context, st *JSONStore, id, name string) error {
	var p Driver
	if err := st.GetJSON(ctx, "driver:"+id, &p); err != nil {
		return err
	}
	p.Name = name
	return st.SetJSON(ctx, "driver:"+id, p, 10*time.Minute) // want `read-modify-write of "driver:"\+id`
}
