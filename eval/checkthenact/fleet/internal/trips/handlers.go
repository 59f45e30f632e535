// Package trips is the trip lifecycle API: requested -> accepted -> arrived ->
// in_progress -> completed (or cancelled / expired).
package trips

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/fleet/internal/metrics"
	"example.com/fleet/internal/notify"
	"example.com/fleet/internal/payouts"
	"example.com/fleet/internal/platform"
	"example.com/fleet/internal/util/rkeys"
)

type transitionReq struct {
	TripID   string `json:"trip_id"`
	DriverID string `json:"driver_id"`
	Reason   string `json:"reason,omitempty"`
}

func decode(w http.ResponseWriter, r *http.Request) (transitionReq, bool) {
	var req transitionReq
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return req, false
	}
	if req.TripID == "" {
		http.Error(w, "trip_id required", http.StatusBadRequest)
		return req, false
	}
	return req, true
}

// HandleAccept is called by the driver app when the driver taps "accept".
func HandleAccept(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	req, ok := decode(w, r)
	if !ok {
		return
	}
	log := slog.With("trip_id", req.TripID, "driver_id", req.DriverID)

	// fast path: if redis already says it's taken don't bother the DB
	st, err := platform.RDB.Get(ctx, rkeys.TripStatus(req.TripID)).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		log.Warn("status cache read failed", "err", err)
	}
	if st != "" && st != "requested" {
		http.Error(w, "trip no longer available", http.StatusConflict)
		return
	}

	// the DB is the source of truth: only one driver can win this UPDATE
	res, err := platform.DB.ExecContext(ctx,
		`UPDATE trips SET status = 'accepted', driver_id = $1, accepted_at = now()
		 WHERE id = $2 AND status = 'requested'`, req.DriverID, req.TripID)
	if err != nil {
		log.Error("accept update failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		http.Error(w, "trip no longer available", http.StatusConflict)
		return
	}
	// write-through of the new state, after the DB decided
	platform.RDB.Set(ctx, rkeys.TripStatus(req.TripID), "accepted", 2*time.Hour) // AMBIG: checkthenact
	metrics.TripsAccepted.Add(1)

	var riderID string
	if err := platform.DB.QueryRowContext(ctx, `SELECT rider_id FROM trips WHERE id = $1`, req.TripID).Scan(&riderID); err != nil {
		log.Warn("rider lookup failed", "err", err)
	} else {
		_ = notify.Push(ctx, riderID, "Your driver is on the way")
	}
	w.WriteHeader(http.StatusNoContent)
}

// HandleArrive: driver says they're at the pickup point.
func HandleArrive(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	req, ok := decode(w, r)
	if !ok {
		return
	}
	log := slog.With("trip_id", req.TripID)

	st, err := platform.RDB.Get(ctx, rkeys.TripStatus(req.TripID)).Result()
	if errors.Is(err, redis.Nil) {
		http.Error(w, "unknown trip", http.StatusNotFound)
		return
	}
	if err != nil {
		log.Error("status read failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if st != "accepted" {
		http.Error(w, "bad transition from "+st, http.StatusConflict)
		return
	}

	var riderID string
	if err := platform.DB.QueryRowContext(ctx, `SELECT rider_id FROM trips WHERE id = $1`, req.TripID).Scan(&riderID); err != nil {
		log.Error("rider lookup failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err := notify.Push(ctx, riderID, "Your driver has arrived"); err != nil {
		log.Warn("push failed", "err", err)
	}
	platform.RDB.Set(ctx, rkeys.TripStatus(req.TripID), "arrived", 2*time.Hour) // BUG: checkthenact
	w.WriteHeader(http.StatusNoContent)
}

// HandleStart: rider is in the car.
func HandleStart(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	req, ok := decode(w, r)
	if !ok {
		return
	}
	var status string
	err := platform.DB.QueryRowContext(ctx, `SELECT status FROM trips WHERE id = $1`, req.TripID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		http.Error(w, "unknown trip", http.StatusNotFound)
		return
	}
	if err != nil {
		slog.Error("start: status read failed", "trip_id", req.TripID, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if status != "arrived" {
		http.Error(w, "bad transition from "+status, http.StatusConflict)
		return
	}
	// constant status write; not computed from the read (contract: not reported)
	if _, err := platform.DB.ExecContext(ctx, `UPDATE trips SET status = 'in_progress', started_at = now() WHERE id = $1`, req.TripID); err != nil {
		slog.Error("start: update failed", "trip_id", req.TripID, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	platform.RDB.Set(ctx, rkeys.TripStatus(req.TripID), "in_progress", 2*time.Hour)
	w.WriteHeader(http.StatusNoContent)
}

// HandleComplete: end of trip. Settles the fare into the driver's earnings.
func HandleComplete(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	req, ok := decode(w, r)
	if !ok {
		return
	}
	log := slog.With("trip_id", req.TripID)

	var fare int64
	var driverID, riderID string
	err := platform.DB.QueryRowContext(ctx,
		`UPDATE trips SET status = 'completed', completed_at = now()
		 WHERE id = $1 AND status = 'in_progress'
		 RETURNING fare_cents, driver_id, rider_id`, req.TripID).Scan(&fare, &driverID, &riderID)
	if errors.Is(err, sql.ErrNoRows) {
		// already completed (retry from the app) or wrong state
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if err != nil {
		log.Error("complete update failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	platform.RDB.Set(ctx, rkeys.TripStatus(req.TripID), "completed", 24*time.Hour)

	if err := payouts.CreditTrip(ctx, driverID, fare); err != nil {
		log.Error("credit failed", "err", err)
	}
	// counters
	day := time.Now().UTC().Format("2006-01-02")
	platform.RDB.Incr(ctx, "stats:trips_completed:"+day)
	platform.RDB.HIncrBy(ctx, rkeys.DriverStats(driverID), "trips", 1)
	platform.RDB.HIncrBy(ctx, rkeys.DriverStats(driverID), "fare_cents", fare)
	metrics.TripsCompleted.Add(1)
	_ = notify.Push(ctx, riderID, "Thanks for riding!")
	w.WriteHeader(http.StatusNoContent)
}

// HandleCancel: rider or driver cancels. Late cancellations pay the driver a fee.
func HandleCancel(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	req, ok := decode(w, r)
	if !ok {
		return
	}
	log := slog.With("trip_id", req.TripID)

	var status, driverID string
	var acceptedAt sql.NullTime
	err := platform.DB.QueryRowContext(ctx,
		`SELECT status, coalesce(driver_id, ''), accepted_at FROM trips WHERE id = $1`, req.TripID).
		Scan(&status, &driverID, &acceptedAt)
	if errors.Is(err, sql.ErrNoRows) {
		http.Error(w, "unknown trip", http.StatusNotFound)
		return
	}
	if err != nil {
		log.Error("cancel: read failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if status == "completed" || status == "cancelled" {
		http.Error(w, "cannot cancel", http.StatusConflict)
		return
	}

	// was a fee already charged for this trip? (app retries cancel on flaky networks)
	var one int
	err = platform.DB.QueryRowContext(ctx, `SELECT 1 FROM trip_cancellations WHERE trip_id = $1`, req.TripID).Scan(&one)
	if err == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if !errors.Is(err, sql.ErrNoRows) {
		log.Error("cancel: lookup failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	fee := int64(0)
	if acceptedAt.Valid && time.Since(acceptedAt.Time) > 2*time.Minute {
		fee = 500
	}
	if _, err := platform.DB.ExecContext(ctx, // BUG: checkthenact
		`INSERT INTO trip_cancellations (trip_id, reason, fee_cents, created_at) VALUES ($1, $2, $3, now())`,
		req.TripID, req.Reason, fee); err != nil {
		log.Error("cancel: insert failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	// status write is constant, and conditional on not being completed meanwhile
	if _, err := platform.DB.ExecContext(ctx,
		`UPDATE trips SET status = 'cancelled' WHERE id = $1 AND status NOT IN ('completed', 'cancelled')`, req.TripID); err != nil {
		log.Error("cancel: status update failed", "err", err)
	}
	platform.RDB.Del(ctx, rkeys.TripStatus(req.TripID))
	if fee > 0 && driverID != "" {
		if err := payouts.CreditTripSafe(ctx, driverID, fee); err != nil {
			log.Error("cancel fee credit failed", "err", err)
		}
	}
	metrics.TripsCancelled.Add(1)
	w.WriteHeader(http.StatusNoContent)
}
