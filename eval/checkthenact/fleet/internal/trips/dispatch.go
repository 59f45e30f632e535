package trips

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/bsm/redislock"
	"github.com/redis/go-redis/v9"

	"example.com/fleet/internal/notify"
	"example.com/fleet/internal/platform"
	"example.com/fleet/internal/util/cache"
	"example.com/fleet/internal/util/rkeys"
)

// AssignDriver (dispatch worker) assigns under a per-trip redsync lock via the helper.
func AssignDriver(ctx context.Context, tripID, driverID string) error {
	return cache.WithLock(ctx, "trip:"+tripID, func() error {
		st, err := platform.RDB.Get(ctx, rkeys.TripStatus(tripID)).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		if st != "" && st != "requested" {
			return ErrBadTransition
		}
		platform.RDB.Set(ctx, rkeys.TripStatus(tripID), "accepted", 2*time.Hour)
		platform.RDB.Set(ctx, "trip:driver:"+tripID, driverID, 2*time.Hour)
		return nil
	})
}

// ReassignDriver holds a bsm/redislock lease across the read and the write.
func ReassignDriver(ctx context.Context, tripID, newDriverID string) error {
	lock, err := platform.Locks.Obtain(ctx, "lock:trip:"+tripID, 10*time.Second, nil)
	if errors.Is(err, redislock.ErrNotObtained) {
		return fmt.Errorf("trip %s busy", tripID)
	}
	if err != nil {
		return err
	}
	defer lock.Release(ctx)

	old, err := platform.RDB.Get(ctx, "trip:driver:"+tripID).Result()
	if err != nil {
		return err
	}
	if old == newDriverID {
		return nil
	}
	platform.RDB.Set(ctx, "trip:driver:"+tripID, newDriverID, 2*time.Hour)
	_ = notify.Push(ctx, old, "Your trip was reassigned")
	return nil
}

// RateTrip stores the rider's rating once per trip; the parent trip row is
// locked FOR UPDATE for the whole transaction.
func RateTrip(ctx context.Context, tripID string, stars int, comment string) error {
	tx, err := platform.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM trips WHERE id = $1 FOR UPDATE`, tripID).Scan(&status); err != nil {
		return err
	}
	if status != "completed" {
		return ErrBadTransition
	}
	var one int
	err = tx.QueryRowContext(ctx, `SELECT 1 FROM trip_ratings WHERE trip_id = $1`, tripID).Scan(&one)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO trip_ratings (trip_id, stars, comment) VALUES ($1, $2, $3)`, tripID, stars, comment); err != nil {
		return err
	}
	return tx.Commit()
}

// RateTripNoTx is the copy in the legacy v1 API handler.
func RateTripNoTx(ctx context.Context, tripID string, stars int, comment string) error {
	var one int
	err := platform.DB.QueryRowContext(ctx, `SELECT 1 FROM trip_ratings WHERE trip_id = $1`, tripID).Scan(&one)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = platform.DB.ExecContext(ctx, `INSERT INTO trip_ratings (trip_id, stars, comment) VALUES ($1, $2, $3)`, tripID, stars, comment) // BUG: checkthenact
	return err
}

// TipOnce records a tip once per trip under a session advisory lock.
func TipOnce(ctx context.Context, tripID string, cents int64) error {
	conn, err := platform.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext($1))`, tripID); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(hashtext($1))`, tripID)

	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM trip_tips WHERE trip_id = $1)`, tripID).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = conn.ExecContext(ctx, `INSERT INTO trip_tips (trip_id, amount_cents) VALUES ($1, $2)`, tripID, cents)
	return err
}

// closeMu "guards" archiving with an in-process semaphore, but every API replica runs it.
var closeMu = make(chan struct{}, 1)

// ArchiveTrip copies a finished trip into the archive table once.
func ArchiveTrip(ctx context.Context, tripID string) error {
	closeMu <- struct{}{}
	defer func() { <-closeMu }()
	var exists bool
	if err := platform.DB.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM trips_archive WHERE trip_id = $1)`, tripID).Scan(&exists); err != nil {
		return err
	}
	if exists {
		slog.Info("already archived", "trip_id", tripID)
		return nil
	}
	_, err := platform.DB.ExecContext(ctx, `INSERT INTO trips_archive (trip_id, archived_at) VALUES ($1, now())`, tripID) // BUG: checkthenact
	return err
}
