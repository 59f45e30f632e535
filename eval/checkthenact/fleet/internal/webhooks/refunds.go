package webhooks

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	redigo "github.com/gomodule/redigo/redis"

	"example.com/fleet/internal/metrics"
	"example.com/fleet/internal/notify"
	"example.com/fleet/internal/platform"
	"example.com/fleet/internal/util/rkeys"
)

var refundRider = func(ctx context.Context, riderID string, cents int64) error { return nil }

// HandleRefundWebhook credits a refund back to the rider.
func HandleRefundWebhook(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 8*time.Second)
	defer cancel()
	ev, ok := readEvent(w, r)
	if !ok {
		return
	}
	seen, err := platform.RDB.SIsMember(ctx, "webhooks:processed", ev.ID).Result()
	if err != nil {
		slog.Error("refund: processed-set read failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if seen {
		metrics.WebhooksDup.Add(1)
		w.WriteHeader(http.StatusOK)
		return
	}
	var cd chargeData
	if err := json.Unmarshal(ev.Data, &cd); err != nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := refundRider(ctx, cd.RiderID, cd.Amount); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	platform.RDB.SAdd(ctx, "webhooks:processed", ev.ID) // BUG: checkthenact
	w.WriteHeader(http.StatusOK)
}

// HandleRefundWebhookV2: SADD returns 1 only for the first adder.
func HandleRefundWebhookV2(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 8*time.Second)
	defer cancel()
	ev, ok := readEvent(w, r)
	if !ok {
		return
	}
	added, err := platform.RDB.SAdd(ctx, "webhooks:processed", ev.ID).Result()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if added == 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	var cd chargeData
	_ = json.Unmarshal(ev.Data, &cd)
	_ = refundRider(ctx, cd.RiderID, cd.Amount)
	w.WriteHeader(http.StatusOK)
}

// HandleChargebackWebhook is on the legacy redigo connection (copy of refunds).
func HandleChargebackWebhook(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 8*time.Second)
	defer cancel()
	ev, ok := readEvent(w, r)
	if !ok {
		return
	}
	conn, err := platform.Pool.GetContext(ctx)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer conn.Close()

	key := "webhook:chargeback:" + ev.ID
	exists, err := redigo.Bool(conn.Do("EXISTS", key))
	if err != nil {
		slog.Error("chargeback: exists failed", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if exists {
		w.WriteHeader(http.StatusOK)
		return
	}
	var cd chargeData
	_ = json.Unmarshal(ev.Data, &cd)
	if _, err := platform.DB.ExecContext(ctx, `UPDATE riders SET chargebacks = chargebacks + 1 WHERE id = $1`, cd.RiderID); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if _, err := conn.Do("SET", key, "1", "EX", 3*24*3600); err != nil { // BUG: checkthenact
		slog.Warn("chargeback: marker write failed", "err", err)
	}
	w.WriteHeader(http.StatusOK)
}

// HandleChargebackWebhookV2 claims with SET NX EX on redigo.
func HandleChargebackWebhookV2(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 8*time.Second)
	defer cancel()
	ev, ok := readEvent(w, r)
	if !ok {
		return
	}
	conn, err := platform.Pool.GetContext(ctx)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer conn.Close()
	key := "webhook:chargeback:" + ev.ID
	if exists, _ := redigo.Bool(conn.Do("EXISTS", key)); exists {
		w.WriteHeader(http.StatusOK)
		return
	}
	reply, err := redigo.String(conn.Do("SET", key, "1", "NX", "EX", 3*24*3600))
	if err == redigo.ErrNil {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err != nil || reply != "OK" {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var cd chargeData
	_ = json.Unmarshal(ev.Data, &cd)
	platform.DB.ExecContext(ctx, `UPDATE riders SET chargebacks = chargebacks + 1 WHERE id = $1`, cd.RiderID)
	w.WriteHeader(http.StatusOK)
}

// HandlePayoutFailedWebhook notifies the driver; marker written via defer.
func HandlePayoutFailedWebhook(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 8*time.Second)
	defer cancel()
	ev, ok := readEvent(w, r)
	if !ok {
		return
	}
	key := rkeys.WebhookSeen(ev.ID)
	if n, err := platform.RDB.Exists(ctx, key).Result(); err != nil || n > 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	defer platform.RDB.Set(context.Background(), key, 1, 72*time.Hour) // BUG: checkthenact

	var data struct {
		DriverID string `json:"driver_id"`
		Reason   string `json:"reason"`
	}
	_ = json.Unmarshal(ev.Data, &data)
	_ = notify.Push(ctx, data.DriverID, "Your payout failed: "+data.Reason)
	w.WriteHeader(http.StatusOK)
}

// HandleCardUpdatedWebhook acks fast and does the work in the background.
func HandleCardUpdatedWebhook(w http.ResponseWriter, r *http.Request) {
	ev, ok := readEvent(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	key := rkeys.WebhookSeen(ev.ID)
	n, _ := platform.RDB.Exists(ctx, key).Result()
	if n > 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	go func() {
		bg, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		var data struct {
			RiderID string `json:"rider_id"`
		}
		_ = json.Unmarshal(ev.Data, &data)
		platform.DB.ExecContext(bg, `UPDATE riders SET payment_failed = false WHERE id = $1`, data.RiderID)
		_ = notify.Push(bg, data.RiderID, "Card updated")
		platform.RDB.Set(bg, key, 1, 72*time.Hour) // BUG: checkthenact
	}()
	w.WriteHeader(http.StatusAccepted)
}

// HandleCardExpiringWebhook: fast-path EXISTS, then the real claim.
func HandleCardExpiringWebhook(w http.ResponseWriter, r *http.Request) {
	ev, ok := readEvent(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	key := rkeys.WebhookSeen(ev.ID)
	if n, _ := platform.RDB.Exists(ctx, key).Result(); n > 0 {
		w.WriteHeader(http.StatusOK)
		return
	}
	if ok, _ := platform.RDB.SetNX(ctx, key, 1, 72*time.Hour).Result(); !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	var data struct {
		RiderID string `json:"rider_id"`
	}
	_ = json.Unmarshal(ev.Data, &data)
	_ = notify.Push(ctx, data.RiderID, "Your card expires soon")
	w.WriteHeader(http.StatusOK)
}

// Routes registers the webhook endpoints.
func Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /webhooks/payco/payments", HandlePaymentWebhook)
	mux.HandleFunc("POST /webhooks/payco/disputes", HandleDisputeWebhook)
	mux.HandleFunc("POST /webhooks/payco/payouts", HandlePayoutPaidWebhook)
	mux.HandleFunc("POST /webhooks/payco/payout-failed", HandlePayoutFailedWebhook)
	mux.HandleFunc("POST /webhooks/payco/refunds", HandleRefundWebhook)
	mux.HandleFunc("POST /webhooks/payco/refunds-v2", HandleRefundWebhookV2)
	mux.HandleFunc("POST /webhooks/payco/chargebacks", HandleChargebackWebhook)
	mux.HandleFunc("POST /webhooks/payco/chargebacks-v2", HandleChargebackWebhookV2)
	mux.HandleFunc("POST /webhooks/payco/card-updated", HandleCardUpdatedWebhook)
	mux.HandleFunc("POST /webhooks/payco/card-expiring", HandleCardExpiringWebhook)
}
