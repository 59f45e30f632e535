package consumer

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/fleet/internal/metrics"
	"example.com/fleet/internal/notify"
	"example.com/fleet/internal/payouts"
	"example.com/fleet/internal/platform"
	"example.com/fleet/internal/util/cache"
	"example.com/fleet/internal/util/rkeys"
)

type tripEvent struct {
	Type     string  `json:"type"`
	TripID   string  `json:"trip_id"`
	DriverID string  `json:"driver_id"`
	RiderID  string  `json:"rider_id"`
	Rating   int     `json:"rating,omitempty"`
	FareCts  int64   `json:"fare_cents,omitempty"`
	Lat      float64 `json:"lat,omitempty"`
	Lng      float64 `json:"lng,omitempty"`
}

// HandleTripCompleted: receipts, weekly bonus progress.
func HandleTripCompleted(ctx context.Context, m Message) error {
	var ev tripEvent
	if err := json.Unmarshal(m.Body, &ev); err != nil {
		slog.Error("bad trip event, dropping", "msg_id", m.ID, "err", err)
		return nil
	}
	log := slog.With("msg_id", m.ID, "trip_id", ev.TripID)

	var one int
	err := stmtFindProcessed.QueryRowContext(ctx, m.ID).Scan(&one)
	if err == nil {
		metrics.MessagesDup.Add(1)
		log.Info("duplicate delivery, skipping")
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		log.Error("processed lookup failed", "err", err)
		return err
	}

	if err := notify.Email(ctx, ev.RiderID, "receipt", map[string]any{"trip_id": ev.TripID, "fare_cents": ev.FareCts}); err != nil {
		log.Warn("receipt email failed", "err", err)
	}
	week := time.Now().UTC().Format("2006-01")
	n, err := platform.RDB.HIncrBy(ctx, "bonus:progress:"+week, ev.DriverID, 1).Result()
	if err != nil {
		log.Warn("bonus progress incr failed", "err", err)
	}
	if n == 50 {
		if err := payouts.GrantWeeklyBonus(ctx, ev.DriverID, week, 5000); err != nil {
			log.Error("bonus grant failed", "err", err)
		}
	}

	if _, err := stmtMarkProcessed.ExecContext(ctx, m.ID); err != nil { // BUG: checkthenact
		log.Error("mark processed failed", "err", err)
		return err
	}
	return nil
}

// HandleTripCancelled claims the message id up front.
func HandleTripCancelled(ctx context.Context, m Message) error {
	var ev tripEvent
	if err := json.Unmarshal(m.Body, &ev); err != nil {
		return nil
	}
	var one int
	if err := stmtFindProcessed.QueryRowContext(ctx, m.ID).Scan(&one); err == nil {
		return nil // cheap check before the claim
	}
	res, err := stmtClaimMessage.ExecContext(ctx, m.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		metrics.MessagesDup.Add(1)
		return nil
	}
	return notify.Push(ctx, ev.RiderID, "Your trip was cancelled")
}

type rating struct {
	Sum   int `json:"sum"`
	Count int `json:"count"`
}

// HandleTripRated folds a rider's rating into the driver's average.
func HandleTripRated(ctx context.Context, m Message) error {
	var ev tripEvent
	if err := json.Unmarshal(m.Body, &ev); err != nil {
		return nil
	}
	dedupKey := rkeys.WebhookSeen("rating:" + m.ID)
	if cache.Seen(ctx, dedupKey) {
		metrics.MessagesDup.Add(1)
		return nil
	}

	key := rkeys.DriverRating(ev.DriverID)
	sumStr, err := platform.RDB.HGet(ctx, key, "sum").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	sum, _ := strconv.Atoi(sumStr)
	sum += ev.Rating
	if err := platform.RDB.HSet(ctx, key, "sum", sum).Err(); err != nil { // BUG: checkthenact
		return err
	}
	platform.RDB.HIncrBy(ctx, key, "count", 1)

	cache.MarkSeen(ctx, dedupKey) // BUG: checkthenact
	return nil
}

type liveTrip struct {
	TripID   string       `json:"trip_id"`
	DriverID string       `json:"driver_id"`
	Points   [][2]float64 `json:"points"`
	Updated  time.Time    `json:"updated"`
}

// HandleLocationPing appends the driver's position to the live trip breadcrumb.
func HandleLocationPing(ctx context.Context, m Message) error {
	var ev tripEvent
	if err := json.Unmarshal(m.Body, &ev); err != nil {
		return nil
	}
	var lt liveTrip
	key := rkeys.TripLive(ev.TripID)
	if err := cache.GetJSON(ctx, key, &lt); err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	lt.TripID = ev.TripID
	lt.DriverID = ev.DriverID
	lt.Points = append(lt.Points, [2]float64{ev.Lat, ev.Lng})
	lt.Updated = time.Now()
	return cache.SetJSON(ctx, key, lt, time.Hour) // BUG: checkthenact
}

// HandleLocationPingV2 uses a list: RPUSH is atomic.
func HandleLocationPingV2(ctx context.Context, m Message) error {
	var ev tripEvent
	if err := json.Unmarshal(m.Body, &ev); err != nil {
		return nil
	}
	key := rkeys.TripLive(ev.TripID) + ":points"
	if err := platform.RDB.RPush(ctx, key, fmt.Sprintf("%f,%f", ev.Lat, ev.Lng)).Err(); err != nil {
		return err
	}
	return platform.RDB.Expire(ctx, key, time.Hour).Err()
}

// inflight: message ids currently being handled by this process's workers.
var inflight sync.Map

// HandleDriverOffline dedups concurrent redeliveries within the process.
func HandleDriverOffline(ctx context.Context, m Message) error {
	if _, busy := inflight.Load(m.ID); busy {
		return fmt.Errorf("message %s already in flight", m.ID)
	}
	inflight.Store(m.ID, time.Now()) // BUG: checkthenact
	defer inflight.Delete(m.ID)

	var ev tripEvent
	if err := json.Unmarshal(m.Body, &ev); err != nil {
		return nil
	}
	platform.RDB.SRem(ctx, "drivers:online", ev.DriverID)
	return nil
}

// HandleDriverOnline is the same with LoadOrStore.
func HandleDriverOnline(ctx context.Context, m Message) error {
	if _, busy := inflight.LoadOrStore(m.ID, time.Now()); busy {
		return fmt.Errorf("message %s already in flight", m.ID)
	}
	defer inflight.Delete(m.ID)
	var ev tripEvent
	if err := json.Unmarshal(m.Body, &ev); err != nil {
		return nil
	}
	platform.RDB.SAdd(ctx, "drivers:online", ev.DriverID)
	return nil
}

// HandleDriverDocs: a claim with the shared helper, then the work.
func HandleDriverDocs(ctx context.Context, m Message) error {
	ok, err := cache.Claim(ctx, rkeys.Processed(m.ID), 48*time.Hour)
	if err != nil {
		return err
	}
	if !ok {
		metrics.MessagesDup.Add(1)
		return nil
	}
	var ev tripEvent
	if err := json.Unmarshal(m.Body, &ev); err != nil {
		return nil
	}
	return notify.Push(ctx, ev.DriverID, "Your documents were reviewed")
}

// HandleFareAdjusted: processed marker through the util helper, written by hand.
func HandleFareAdjusted(ctx context.Context, m Message) error {
	if cache.IsProcessed(ctx, m.ID) {
		metrics.MessagesDup.Add(1)
		return nil
	}
	var ev tripEvent
	if err := json.Unmarshal(m.Body, &ev); err != nil {
		return nil
	}
	if err := payouts.CreditTripSafe(ctx, ev.DriverID, ev.FareCts); err != nil {
		return err
	}
	platform.RDB.Set(ctx, rkeys.Processed(m.ID), 1, 72*time.Hour) // BUG: checkthenact
	return nil
}
