package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"

	"example.com/evalcorpus/internal/keys"
)

func field(msg redis.XMessage, name string) string {
	s, _ := msg.Values[name].(string)
	return s
}

func (w *worker) sendInvoiceEmail(ctx context.Context, invoiceID string) error {
	slog.InfoContext(ctx, "sending invoice email", "invoice", invoiceID)
	return nil
}

// handleInvoicePaid dedups with the Store helpers from another package.
func (w *worker) handleInvoicePaid(ctx context.Context, msg redis.XMessage) error {
	eventID := field(msg, "event_id")
	seen, err := w.st.Seen(ctx, eventID)
	if err != nil {
		return err
	}
	if seen {
		return nil
	}
	if _, err := w.pool.Exec(ctx, `UPDATE invoices SET status = 'paid' WHERE id = $1`, field(msg, "invoice_id")); err != nil {
		return err
	}
	if err := w.sendInvoiceEmail(ctx, field(msg, "invoice_id")); err != nil {
		return err
	}
	return w.st.MarkSeen(ctx, eventID) // BUG: checkthenact
}

// handleInvoiceVoided claims with the Store's SetNX helper.
func (w *worker) handleInvoiceVoided(ctx context.Context, msg redis.XMessage) error {
	eventID := field(msg, "event_id")
	ok, err := w.st.Claim(ctx, eventID)
	if err != nil || !ok {
		return err
	}
	if _, err := w.pool.Exec(ctx, `UPDATE invoices SET status = 'void' WHERE id = $1`, field(msg, "invoice_id")); err != nil {
		_ = w.st.Release(ctx, eventID)
		return err
	}
	return nil
}

// handleRenewal dedups inline; key built by keys.Event in both places.
func (w *worker) handleRenewal(ctx context.Context, msg redis.XMessage) error {
	eventID := field(msg, "event_id")
	if _, err := w.rdb.Get(ctx, keys.Event(eventID)).Result(); err == nil {
		return nil
	} else if !errors.Is(err, redis.Nil) {
		return err
	}
	if _, err := w.pool.Exec(ctx,
		`UPDATE subscriptions SET period_end = period_end + interval '1 month' WHERE id = $1`, field(msg, "subscription_id")); err != nil {
		return err
	}
	return w.rdb.Set(ctx, keys.Event(eventID), "1", 72*time.Hour).Err() // BUG: checkthenact
}

// handleCreditGranted uses the inbox table with ON CONFLICT as the claim.
func (w *worker) handleCreditGranted(ctx context.Context, msg redis.XMessage) error {
	eventID := field(msg, "event_id")
	tx, err := w.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	tag, err := tx.Exec(ctx, `INSERT INTO inbox (event_id) VALUES ($1) ON CONFLICT DO NOTHING`, eventID)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return nil
	}
	amount, _ := strconv.ParseInt(field(msg, "amount_cents"), 10, 64)
	if _, err := tx.Exec(ctx, `UPDATE accounts SET credit_cents = credit_cents + $1 WHERE id = $2`, amount, field(msg, "account_id")); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// handlePointsEarned keeps loyalty points in Redis with GET + SET.
func (w *worker) handlePointsEarned(ctx context.Context, msg redis.XMessage) error {
	user := field(msg, "user_id")
	pts, _ := strconv.Atoi(field(msg, "points"))
	key := fmt.Sprintf("loyalty:%s:points", user)
	cur, err := w.rdb.Get(ctx, key).Int()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return w.rdb.Set(ctx, key, cur+pts, 0).Err() // BUG: checkthenact
}

// handlePointsEarnedAtomic uses INCRBY.
func (w *worker) handlePointsEarnedAtomic(ctx context.Context, msg redis.XMessage) error {
	user := field(msg, "user_id")
	pts, _ := strconv.Atoi(field(msg, "points"))
	return w.rdb.IncrBy(ctx, fmt.Sprintf("loyalty:%s:points", user), int64(pts)).Err()
}

// handleReminder looks the reminder up in Postgres, sends, then inserts the log row.
func (w *worker) handleReminder(ctx context.Context, msg redis.XMessage) error {
	invoiceID := field(msg, "invoice_id")
	stage := field(msg, "stage")
	var sentAt time.Time
	err := w.pool.QueryRow(ctx, `SELECT sent_at FROM reminders WHERE invoice_id = $1 AND stage = $2`, invoiceID, stage).Scan(&sentAt)
	if err == nil {
		return nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	if err := w.sendInvoiceEmail(ctx, invoiceID); err != nil {
		return err
	}
	_, err = w.pool.Exec(ctx, `INSERT INTO reminders (invoice_id, stage, sent_at) VALUES ($1, $2, now())`, invoiceID, stage) // BUG: checkthenact
	return err
}

func (w *worker) doneKey(kind, id string) string { return "worker:done:" + kind + ":" + id }

func (w *worker) isDone(ctx context.Context, kind, id string) (bool, error) {
	n, err := w.rdb.Exists(ctx, w.doneKey(kind, id)).Result()
	return n > 0, err
}

func (w *worker) markDone(ctx context.Context, kind, id string) error {
	return w.rdb.Set(ctx, w.doneKey(kind, id), time.Now().Unix(), 7*24*time.Hour).Err()
}

func (w *worker) claim(ctx context.Context, kind, id string) (bool, error) {
	return w.rdb.SetNX(ctx, w.doneKey(kind, id), time.Now().Unix(), 7*24*time.Hour).Result()
}

// handleRefundIssued uses same-type helpers for check and mark.
func (w *worker) handleRefundIssued(ctx context.Context, msg redis.XMessage) error {
	refundID := field(msg, "refund_id")
	done, err := w.isDone(ctx, "refund", refundID)
	if err != nil || done {
		return err
	}
	if _, err := w.pool.Exec(ctx, `UPDATE accounts SET balance_cents = balance_cents + $1 WHERE id = $2`,
		field(msg, "amount_cents"), field(msg, "account_id")); err != nil {
		return err
	}
	return w.markDone(ctx, "refund", refundID) // BUG: checkthenact
}

// handleChargebackIssued claims with the same-type SetNX helper, then marks done.
func (w *worker) handleChargebackIssued(ctx context.Context, msg redis.XMessage) error {
	id := field(msg, "chargeback_id")
	ok, err := w.claim(ctx, "chargeback", id)
	if err != nil || !ok {
		return err
	}
	if _, err := w.pool.Exec(ctx, `UPDATE accounts SET balance_cents = balance_cents - $1 WHERE id = $2`,
		field(msg, "amount_cents"), field(msg, "account_id")); err != nil {
		return err
	}
	return w.markDone(ctx, "chargeback", id)
}

// handleDisputeClosed checks one kind and marks another kind (different keys).
func (w *worker) handleDisputeClosed(ctx context.Context, msg redis.XMessage) error {
	id := field(msg, "dispute_id")
	opened, err := w.isDone(ctx, "dispute-opened", id)
	if err != nil || !opened {
		return err
	}
	return w.markDone(ctx, "dispute-closed", id)
}
