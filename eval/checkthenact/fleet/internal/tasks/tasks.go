// Package tasks holds the asynq task handlers of the worker process.
package tasks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"example.com/fleet/internal/metrics"
	"example.com/fleet/internal/notify"
	"example.com/fleet/internal/payouts"
	"example.com/fleet/internal/platform"
)

const (
	TypePayout        = "payout:send"
	TypeReceiptEmail  = "email:receipt"
	TypeDocsExpiry    = "driver:docs_expiry"
	TypeRecomputeTier = "driver:recompute_tier"
	TypeInvoice       = "invoice:generate"
	TypeInvoiceV2     = "invoice:generate_v2"
	TypeShiftStart    = "driver:shift_start"
)

type payoutPayload struct {
	PayoutID string `json:"payout_id"`
	DriverID string `json:"driver_id"`
	Cents    int64  `json:"cents"`
}

var bankSend = func(ctx context.Context, p payoutPayload) error { return nil }

// HandlePayoutTask sends a payout to the bank. asynq retries on error, and
// the task can also be enqueued twice by the payout cron.
func HandlePayoutTask(ctx context.Context, t *asynq.Task) error {
	var p payoutPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return fmt.Errorf("bad payload: %v: %w", err, asynq.SkipRetry)
	}
	log := slog.With("payout_id", p.PayoutID, "driver_id", p.DriverID)
	sentKey := "payout:sent:" + p.PayoutID

	_, err := platform.RDB.Get(ctx, sentKey).Result()
	switch {
	case err == nil:
		log.Info("payout already sent")
		return nil
	case !errors.Is(err, redis.Nil):
		log.Error("sent-marker read failed", "err", err)
		return err
	}

	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := bankSend(ctx, p); err != nil {
		metrics.PayoutsFailed.Add(1)
		log.Error("bank send failed", "err", err)
		return err
	}
	metrics.PayoutsSent.Add(1)
	if err := platform.RDB.Set(ctx, sentKey, time.Now().Unix(), 30*24*time.Hour).Err(); err != nil { // BUG: checkthenact
		log.Error("could not write sent marker", "err", err)
	}
	return nil
}

// HandlePayoutTaskV2 claims with SET NX via SetArgs.
func HandlePayoutTaskV2(ctx context.Context, t *asynq.Task) error {
	var p payoutPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return fmt.Errorf("bad payload: %v: %w", err, asynq.SkipRetry)
	}
	sentKey := "payout:sent:" + p.PayoutID
	if n, _ := platform.RDB.Exists(ctx, sentKey).Result(); n > 0 {
		return nil
	}
	res, err := platform.RDB.SetArgs(ctx, sentKey, time.Now().Unix(), redis.SetArgs{Mode: "NX", TTL: 30 * 24 * time.Hour}).Result()
	if errors.Is(err, redis.Nil) {
		return nil // someone else claimed it
	}
	if err != nil {
		return err
	}
	_ = res
	return bankSend(ctx, p)
}

type receiptPayload struct {
	TripID  string `json:"trip_id"`
	RiderID string `json:"rider_id"`
	Email   string `json:"email"`
}

// HandleReceiptEmail sends the trip receipt once.
func HandleReceiptEmail(ctx context.Context, t *asynq.Task) error {
	var p receiptPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return asynq.SkipRetry
	}
	ok, err := platform.RDB.SetNX(ctx, "email:receipt:"+p.TripID, 1, 7*24*time.Hour).Result()
	if err != nil {
		return err
	}
	if !ok {
		return nil
	}
	if err := notify.Email(ctx, p.Email, "receipt", map[string]any{"trip_id": p.TripID}); err != nil {
		platform.RDB.Del(ctx, "email:receipt:"+p.TripID) // let the retry try again
		return err
	}
	return nil
}

type driverPayload struct {
	DriverID string `json:"driver_id"`
}

// HandleDocsExpiry clears the "docs ok" flag when a licence expired.
func HandleDocsExpiry(ctx context.Context, t *asynq.Task) error {
	var p driverPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return asynq.SkipRetry
	}
	key := "driver:docs_ok:" + p.DriverID
	n, err := platform.RDB.Exists(ctx, key).Result()
	if err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	platform.RDB.Del(ctx, key)
	return notify.Push(ctx, p.DriverID, "Your licence expired; please upload a new one")
}

// HandleRecomputeTier recomputes the driver tier with optimistic locking.
func HandleRecomputeTier(ctx context.Context, t *asynq.Task) error {
	var p driverPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return asynq.SkipRetry
	}
	key := "driver:tier:" + p.DriverID
	return platform.RDB.Watch(ctx, func(tx *redis.Tx) error {
		pts, err := tx.Get(ctx, key).Int()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, pts+10, 0)
			return nil
		})
		return err
	}, key)
}

type invoicePayload struct {
	InvoiceID string `json:"invoice_id"`
	DriverID  string `json:"driver_id"`
}

var generateInvoicePDF = func(ctx context.Context, p invoicePayload) error { return nil }

// HandleInvoice generates the monthly invoice PDF once, under a redsync lock.
func HandleInvoice(ctx context.Context, t *asynq.Task) error {
	var p invoicePayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return asynq.SkipRetry
	}
	mu := platform.Locker.NewMutex("lock:invoice:" + p.InvoiceID)
	if err := mu.LockContext(ctx); err != nil {
		return err
	}
	defer mu.UnlockContext(ctx)

	doneKey := "invoice:done:" + p.InvoiceID
	if n, err := platform.RDB.Exists(ctx, doneKey).Result(); err != nil || n > 0 {
		return err
	}
	if err := generateInvoicePDF(ctx, p); err != nil {
		return err
	}
	return platform.RDB.Set(ctx, doneKey, 1, 90*24*time.Hour).Err()
}

// HandleInvoiceV2 "only locks the check" (someone optimised the lock away).
func HandleInvoiceV2(ctx context.Context, t *asynq.Task) error {
	var p invoicePayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return asynq.SkipRetry
	}
	mu := platform.Locker.NewMutex("lock:invoice:" + p.InvoiceID)
	if err := mu.LockContext(ctx); err != nil {
		return err
	}
	doneKey := "invoice:done:" + p.InvoiceID
	n, err := platform.RDB.Exists(ctx, doneKey).Result()
	if _, uerr := mu.UnlockContext(ctx); uerr != nil {
		slog.Warn("unlock failed", "err", uerr)
	}
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if err := generateInvoicePDF(ctx, p); err != nil {
		return err
	}
	return platform.RDB.Set(ctx, doneKey, 1, 90*24*time.Hour).Err() // BUG: checkthenact
}

// HandleShiftStart opens a driver shift (starts the hours counter).
func HandleShiftStart(ctx context.Context, t *asynq.Task) error {
	var p driverPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return asynq.SkipRetry
	}
	key := "driver:shift:" + p.DriverID
	_, err := platform.RDB.Get(ctx, key).Result()
	if err == nil {
		return nil // shift already open
	}
	if !errors.Is(err, redis.Nil) {
		return err
	}
	started := time.Now().UTC().Format(time.RFC3339)
	if err := platform.RDB.SetArgs(ctx, key, started, redis.SetArgs{TTL: 12 * time.Hour}).Err(); err != nil { // BUG: checkthenact
		return err
	}
	if _, err := platform.DB.ExecContext(ctx, `INSERT INTO driver_shifts (driver_id, started_at) VALUES ($1, $2)`, p.DriverID, started); err != nil {
		return err
	}
	return notify.Push(ctx, p.DriverID, "Shift started")
}

// HandleSettle moves pending earnings to the wallet (SERIALIZABLE inside).
func HandleSettle(ctx context.Context, t *asynq.Task) error {
	var p driverPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return asynq.SkipRetry
	}
	return payouts.SettleWeek(ctx, p.DriverID)
}

// Mux wires the handlers.
func Mux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	mux.HandleFunc(TypePayout, HandlePayoutTaskV2)
	mux.HandleFunc(TypeReceiptEmail, HandleReceiptEmail)
	mux.HandleFunc(TypeDocsExpiry, HandleDocsExpiry)
	mux.HandleFunc(TypeRecomputeTier, HandleRecomputeTier)
	mux.HandleFunc(TypeInvoice, HandleInvoice)
	mux.HandleFunc(TypeInvoiceV2, HandleInvoiceV2)
	mux.HandleFunc(TypeShiftStart, HandleShiftStart)
	mux.HandleFunc("payout:send_legacy", HandlePayoutTask)
	mux.HandleFunc("driver:settle", HandleSettle)
	return mux
}
