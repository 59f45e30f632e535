// Package analytics aggregates checkout metrics.
package analytics

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"example.com/checkout/internal/keys"
	"example.com/checkout/internal/rstore"
	"github.com/redis/go-redis/v9"
)

type Agg struct {
	rdb *redis.Client
	db  *sql.DB

	mu       sync.Mutex
	sessions sync.Map // session id -> *Session
	firstBuy sync.Map // user id -> time.Time
}

type Session struct {
	ID    string
	Views int
}

type DailyStats struct {
	Orders  int   `json:"orders"`
	Revenue int64 `json:"revenue"`
}

// RecordOrder bumps counters and the leaderboard in one pipeline.
func (a *Agg) RecordOrder(ctx context.Context, day, sku string, cents int64) error {
	_, err := a.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.HIncrBy(ctx, "stats:"+day, "orders", 1)            // correct
		p.HIncrBy(ctx, "stats:"+day, "revenue", cents)       // correct
		p.ZIncrBy(ctx, "top:skus:"+day, float64(cents), sku) // correct
		p.Expire(ctx, "stats:"+day, 30*24*time.Hour)
		return nil
	})
	return err
}

// RecordOrderJSON: GET JSON, change fields, SET it back.
func (a *Agg) RecordOrderJSON(ctx context.Context, day string, cents int64) error {
	key := strings.Join([]string{"stats", "json", day}, ":")
	var st DailyStats
	if _, err := rstore.GetJSON(ctx, a.rdb, key, &st); err != nil {
		return err
	}
	st.Orders++
	st.Revenue += cents
	return rstore.SetJSON(ctx, a.rdb, key, st, 30*24*time.Hour) // BUG: checkthenact
}

// TopSKUs reads the leaderboard.
func (a *Agg) TopSKUs(ctx context.Context, day string) ([]redis.Z, error) {
	return a.rdb.ZRevRangeWithScores(ctx, "top:skus:"+day, 0, 9).Result()
}

// FirstSeen adds a user to a day's sorted set only if absent.
func (a *Agg) FirstSeen(ctx context.Context, day, user string) error {
	return a.rdb.ZAddNX(ctx, "firstseen:"+day, redis.Z{Score: float64(time.Now().Unix()), Member: user}).Err() // correct
}

// ProductName is cache-aside over the catalog table.
func (a *Agg) ProductName(ctx context.Context, id int64) (string, error) {
	key := keys.Product(id)
	name, err := a.rdb.Get(ctx, key).Result()
	if err == nil {
		return name, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	if err := a.db.QueryRowContext(ctx, `SELECT name FROM products WHERE id = $1`, id).Scan(&name); err != nil {
		return "", err
	}
	a.rdb.Set(ctx, key, name, 10*time.Minute) // correct: cache-aside
	return name, nil
}

// ProductJSON is cache-aside through the JSON helpers.
func (a *Agg) ProductJSON(ctx context.Context, id int64) (map[string]any, error) {
	key := keys.Product(id) + ":json"
	var out map[string]any
	found, err := rstore.GetJSON(ctx, a.rdb, key, &out)
	if err != nil {
		return nil, err
	}
	if found {
		return out, nil
	}
	var raw []byte
	if err := a.db.QueryRowContext(ctx, `SELECT attrs FROM products WHERE id = $1`, id).Scan(&raw); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	_ = rstore.SetJSON(ctx, a.rdb, key, out, 10*time.Minute) // correct: cache-aside
	return out, nil
}

// Session returns the in-process session, creating it atomically.
func (a *Agg) Session(id string) *Session {
	v, _ := a.sessions.LoadOrStore(id, &Session{ID: id}) // correct
	return v.(*Session)
}

// FirstPurchase records the first purchase time, racily.
func (a *Agg) FirstPurchase(user string, at time.Time) bool {
	if _, ok := a.firstBuy.Load(user); ok {
		return false
	}
	a.firstBuy.Store(user, at) // BUG: checkthenact
	return true
}

// FirstPurchaseLocked does the same under a mutex.
func (a *Agg) FirstPurchaseLocked(user string, at time.Time) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.firstBuy.Load(user); ok {
		return false
	}
	a.firstBuy.Store(user, at) // correct: sync.Mutex protects sync.Map
	return true
}

// MigrateSession moves a session under a new id.
func (a *Agg) MigrateSession(oldID, newID string) {
	v, ok := a.sessions.Load(oldID)
	if !ok {
		return
	}
	a.sessions.Store(newID, v) // correct: different key
	a.sessions.Delete(oldID)
}

// sessionKey is a struct-typed map key.
type sessionKey struct {
	Tenant string
	ID     string
}

var visits sync.Map // sessionKey -> int

// Visit increments a per-session counter with CompareAndSwap.
func Visit(tenant, id string) {
	k := sessionKey{Tenant: tenant, ID: id}
	for {
		v, loaded := visits.LoadOrStore(k, 1) // correct
		if !loaded {
			return
		}
		if visits.CompareAndSwap(k, v, v.(int)+1) { // correct
			return
		}
	}
}

// VisitRacy increments a per-session counter with Load/Store.
func VisitRacy(tenant, id string) {
	k := sessionKey{Tenant: tenant, ID: id}
	n := 0
	if v, ok := visits.Load(k); ok {
		n = v.(int)
	}
	visits.Store(k, n+1) // BUG: checkthenact
}

// DayCounter wraps INCR with a TTL on first use.
func (a *Agg) DayCounter(ctx context.Context, metric string) (int64, error) {
	key := fmt.Sprintf("ctr:%s:%s", metric, time.Now().UTC().Format("2006-01-02"))
	n, err := a.rdb.Incr(ctx, key).Result() // correct: INCR
	if err != nil {
		return 0, err
	}
	if n == 1 {
		a.rdb.Expire(ctx, key, 48*time.Hour)
	}
	return n, nil
}

// GetSetLast swaps the last-seen checkout atomically.
func (a *Agg) GetSetLast(ctx context.Context, user, checkoutID string) (string, error) {
	prev, err := a.rdb.SetArgs(ctx, "last:checkout:"+user, checkoutID, redis.SetArgs{Get: true}).Result() // correct: SET GET
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return prev, err
}

// ResetIfStale: Exists then Del (not an act).
func (a *Agg) ResetIfStale(ctx context.Context, day string) error {
	n, err := a.rdb.Exists(ctx, "stats:"+day).Result()
	if err != nil || n == 0 {
		return err
	}
	return a.rdb.Del(ctx, "stats:"+day).Err() // correct: delete
}

// ConversionRate reads two counters and stores the ratio in another key.
func (a *Agg) ConversionRate(ctx context.Context, day string) error {
	vals, err := a.rdb.HMGet(ctx, "stats:"+day, "orders", "visits").Result()
	if err != nil {
		return err
	}
	o, _ := vals[0].(string)
	v, _ := vals[1].(string)
	return a.rdb.HSet(ctx, "rates:"+day, "conversion", o+"/"+v).Err() // correct: different key
}
