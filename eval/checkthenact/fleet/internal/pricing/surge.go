// Package pricing computes fares and surge multipliers.
package pricing

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"sync"
	"time"

	redigo "github.com/gomodule/redigo/redis"

	"example.com/fleet/internal/platform"
)

// RecordDemand bumps the open-request counter of a zone (legacy redigo code).
func RecordDemand(ctx context.Context, zone string) (int, error) {
	conn, err := platform.Pool.GetContext(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	key := "surge:demand:" + zone
	n, err := redigo.Int(conn.Do("GET", key))
	if err != nil && !errors.Is(err, redigo.ErrNil) {
		slog.Error("demand read failed", "zone", zone, "err", err)
		return 0, err
	}
	n++
	if _, err := conn.Do("SET", key, n, "EX", 300); err != nil { // BUG: checkthenact
		return 0, err
	}
	return n, nil
}

// RecordSupply is the same for available drivers, written later, with INCR.
func RecordSupply(ctx context.Context, zone string) (int, error) {
	conn, err := platform.Pool.GetContext(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	key := "surge:supply:" + zone
	n, err := redigo.Int(conn.Do("INCR", key))
	if err != nil {
		return 0, err
	}
	if n == 1 {
		conn.Do("EXPIRE", key, 300)
	}
	return n, nil
}

var surgeScript = redigo.NewScript(1, `
local n = tonumber(redis.call("GET", KEYS[1]) or "0") - 1
if n < 0 then n = 0 end
redis.call("SET", KEYS[1], n, "EX", 300)
return n`)

// ReleaseDemand decrements the demand counter, floored at zero, in Lua.
func ReleaseDemand(ctx context.Context, zone string) (int, error) {
	conn, err := platform.Pool.GetContext(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	key := "surge:demand:" + zone
	cur, _ := redigo.Int(conn.Do("GET", key))
	if cur == 0 {
		return 0, nil
	}
	return redigo.Int(surgeScript.Do(conn, key))
}

// Multiplier returns the zone's surge multiplier, cached for 30s (cache-aside).
func Multiplier(ctx context.Context, zone string) (float64, error) {
	conn, err := platform.Pool.GetContext(ctx)
	if err != nil {
		return 1, err
	}
	defer conn.Close()
	key := "surge:multiplier:" + zone
	v, err := redigo.Float64(conn.Do("GET", key))
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, redigo.ErrNil) {
		slog.Warn("multiplier read failed", "zone", zone, "err", err)
	}
	demand, _ := redigo.Int(conn.Do("GET", "surge:demand:"+zone))
	supply, _ := redigo.Int(conn.Do("GET", "surge:supply:"+zone))
	m := 1.0
	if supply > 0 {
		m = math.Min(3.0, math.Max(1.0, float64(demand)/float64(supply)))
	}
	if _, err := conn.Do("SET", key, strconv.FormatFloat(m, 'f', 2, 64), "EX", 30); err != nil {
		slog.Warn("multiplier cache write failed", "err", err)
	}
	return m, nil
}

// zone overrides set by ops, in-process (map + mutex).
var (
	overridesMu sync.Mutex
	overrides   = map[string]float64{}
)

// SetOverride sets an ops override unless one is active.
func SetOverride(zone string, m float64) bool {
	overridesMu.Lock()
	defer overridesMu.Unlock()
	if _, ok := overrides[zone]; ok {
		return false
	}
	overrides[zone] = m
	return true
}

// BumpOverride raises an override by delta.
func BumpOverride(zone string, delta float64) float64 {
	overridesMu.Lock()
	defer overridesMu.Unlock()
	cur := overrides[zone]
	overrides[zone] = cur + delta
	return cur + delta
}

// zoneCache: zone geometry, loaded once per zone (sync.Map cache-aside).
var zoneCache sync.Map

type zoneGeom struct {
	ID      string
	Polygon [][2]float64
	Loaded  time.Time
}

var loadZone = func(ctx context.Context, id string) (*zoneGeom, error) {
	return &zoneGeom{ID: id, Loaded: time.Now()}, nil
}

// Zone returns the cached geometry of a zone.
func Zone(ctx context.Context, id string) (*zoneGeom, error) {
	if v, ok := zoneCache.Load(id); ok {
		return v.(*zoneGeom), nil
	}
	z, err := loadZone(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load zone %s: %w", id, err)
	}
	zoneCache.Store(id, z)
	return z, nil
}

// active quote counters per rider (sync.Map under a mutex).
var (
	quoteCountMu sync.Mutex
	quoteCount   sync.Map
)

// CountQuote increments the per-rider quote counter.
func CountQuote(riderID string) int {
	quoteCountMu.Lock()
	defer quoteCountMu.Unlock()
	n := 0
	if v, ok := quoteCount.Load(riderID); ok {
		n = v.(int)
	}
	quoteCount.Store(riderID, n+1)
	return n + 1
}

// CountQuoteCAS does the same lock-free.
func CountQuoteCAS(riderID string) int {
	for {
		v, loaded := quoteCount.LoadOrStore(riderID, 1)
		if !loaded {
			return 1
		}
		if quoteCount.CompareAndSwap(riderID, v, v.(int)+1) {
			return v.(int) + 1
		}
	}
}

// CountQuoteRacy is what shipped first, in the fare estimator.
func CountQuoteRacy(riderID string) int {
	n := 0
	if v, ok := quoteCount.Load(riderID); ok {
		n = v.(int)
	}
	quoteCount.Store(riderID, n+1) // BUG: checkthenact
	return n + 1
}
