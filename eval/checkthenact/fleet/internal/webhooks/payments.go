// Package webhooks receives the payment provider's webhooks (PayCo). PayCo
// retries any delivery that does not get a 2xx within 10s, for up to 3 days.
package webhooks

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"example.com/fleet/internal/metrics"
	"example.com/fleet/internal/notify"
	"example.com/fleet/internal/platform"
)

type event struct {
	ID      string          `json:"id"`
	Type    string          `json:"type"`
	Created int64           `json:"created"`
	Data    json.RawMessage `json:"data"`
}

type chargeData struct {
	ChargeID string `json:"charge_id"`
	TripID   string `json:"trip_id"`
	RiderID  string `json:"rider_id"`
	Amount   int64  `json:"amount"`
}

func verify(r *http.Request, body []byte) bool {
	mac := hmac.New(sha256.New, []byte(os.Getenv("PAYCO_WEBHOOK_SECRET")))
	mac.Write(body)
	want := hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(want), []byte(r.Header.Get("X-PayCo-Signature")))
}

func readEvent(w http.ResponseWriter, r *http.Request) (event, bool) {
	var ev event
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "read error", http.StatusBadRequest)
		return ev, false
	}
	if !verify(r, body) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return ev, false
	}
	if err := json.Unmarshal(body, &ev); err != nil || ev.ID == "" {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return ev, false
	}
	metrics.WebhooksReceived.Add(1)
	return ev, true
}

// HandlePaymentWebhook handles charge.succeeded / charge.failed.
func HandlePaymentWebhook(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 8*time.Second)
	defer cancel()
	ev, ok := readEvent(w, r)
	if !ok {
		return
	}
	log := slog.With("event_id", ev.ID, "type", ev.Type)

	var existing int64
	err := platform.DB.QueryRowContext(ctx, `SELECT id FROM payment_events WHERE provider_event_id = $1`, ev.ID).Scan(&existing)
	if err == nil {
		metrics.WebhooksDup.Add(1)
		log.Info("duplicate webhook")
		w.WriteHeader(http.StatusOK)
		return
	}
	if !errors.Is(err, sql.ErrNoRows) {
		log.Error("event lookup failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}

	var cd chargeData
	if err := json.Unmarshal(ev.Data, &cd); err != nil {
		log.Error("bad charge data", "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	switch ev.Type {
	case "charge.succeeded":
		if _, err := platform.DB.ExecContext(ctx, `UPDATE trips SET paid = true, charge_id = $1 WHERE id = $2`, cd.ChargeID, cd.TripID); err != nil {
			log.Error("mark paid failed", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		if _, err := platform.DB.ExecContext(ctx, `INSERT INTO rider_receipts (trip_id, charge_id, amount_cents) VALUES ($1, $2, $3)`, cd.TripID, cd.ChargeID, cd.Amount); err != nil {
			log.Error("receipt insert failed", "err", err)
		}
		_ = notify.Push(ctx, cd.RiderID, "Payment received, thanks!")
	case "charge.failed":
		if _, err := platform.DB.ExecContext(ctx, `UPDATE riders SET payment_failed = true WHERE id = $1`, cd.RiderID); err != nil {
			log.Error("flag rider failed", "err", err)
		}
		_ = notify.Push(ctx, cd.RiderID, "Your payment failed; please update your card")
	default:
		log.Info("ignored event type")
	}

	if _, err := platform.DB.ExecContext(ctx, `INSERT INTO payment_events (provider_event_id, type, received_at) VALUES ($1, $2, now())`, ev.ID, ev.Type); err != nil { // BUG: checkthenact
		log.Error("record event failed", "err", err)
	}
	w.WriteHeader(http.StatusOK)
}

// HandleDisputeWebhook: claim-first with ON CONFLICT.
func HandleDisputeWebhook(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 8*time.Second)
	defer cancel()
	ev, ok := readEvent(w, r)
	if !ok {
		return
	}
	var existing int64
	if err := platform.DB.QueryRowContext(ctx, `SELECT id FROM payment_events WHERE provider_event_id = $1`, ev.ID).Scan(&existing); err == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	var id int64
	err := platform.DB.QueryRowContext(ctx,
		`INSERT INTO payment_events (provider_event_id, type, received_at) VALUES ($1, $2, now())
		 ON CONFLICT (provider_event_id) DO NOTHING RETURNING id`, ev.ID, ev.Type).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		metrics.WebhooksDup.Add(1)
		w.WriteHeader(http.StatusOK)
		return
	}
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var cd chargeData
	_ = json.Unmarshal(ev.Data, &cd)
	if _, err := platform.DB.ExecContext(ctx, `INSERT INTO disputes (charge_id, trip_id, event_id) VALUES ($1, $2, $3)`, cd.ChargeID, cd.TripID, ev.ID); err != nil {
		slog.Error("dispute insert failed", "err", err)
	}
	w.WriteHeader(http.StatusOK)
}

// HandlePayoutPaidWebhook marks a payout paid; idempotent by construction.
func HandlePayoutPaidWebhook(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 8*time.Second)
	defer cancel()
	ev, ok := readEvent(w, r)
	if !ok {
		return
	}
	var payoutID string
	var data struct {
		PayoutID string `json:"payout_id"`
	}
	_ = json.Unmarshal(ev.Data, &data)
	payoutID = data.PayoutID
	var status string
	err := platform.DB.QueryRowContext(ctx, `SELECT status FROM payout_ledger WHERE provider_payout_id = $1`, payoutID).Scan(&status)
	if err != nil {
		slog.Warn("payout not found", "payout_id", payoutID, "err", err)
		w.WriteHeader(http.StatusOK)
		return
	}
	if status == "paid" {
		w.WriteHeader(http.StatusOK)
		return
	}
	if _, err := platform.DB.ExecContext(ctx, `UPDATE payout_ledger SET status = 'paid', paid_at = now() WHERE provider_payout_id = $1 AND status <> 'paid'`, payoutID); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}
