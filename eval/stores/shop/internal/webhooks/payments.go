// Package webhooks receives callbacks of the payment provider and the carrier.
package webhooks

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/redis/rueidis"
	"github.com/segmentio/kafka-go"
	"github.com/valkey-io/valkey-go"

	"example.com/shop/internal/inbox"
	"example.com/shop/internal/notify"
	"example.com/shop/internal/orders"
	"gorm.io/gorm"
)

// ProviderEvent is the payload of the payment provider's webhooks.
type ProviderEvent struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	OrderRef   string `json:"order_ref"`
	CustomerID string `json:"customer_id"`
	Amount     int64  `json:"amount"`
	PlanID     string `json:"plan_id"`
}

// Payments handles the payment provider's webhooks.
type Payments struct {
	secret    []byte
	kv        valkey.Client
	rdb       rueidis.Client
	orders    *orders.Service
	inbox     *inbox.Inbox
	events    *kafka.Writer
	gw        *notify.Gateway
	ledgerURL string
	partner   string
	client    *http.Client
}

// NewPayments wires the payments webhooks.
func NewPayments(secret string, kv valkey.Client, rdb rueidis.Client, os *orders.Service, ib *inbox.Inbox, w *kafka.Writer, gw *notify.Gateway, ledgerURL, partnerURL string) *Payments {
	return &Payments{secret: []byte(secret), kv: kv, rdb: rdb, orders: os, inbox: ib, events: w, gw: gw, ledgerURL: ledgerURL, partner: partnerURL, client: &http.Client{Timeout: 5 * time.Second}}
}

// Register mounts the routes.
func (p *Payments) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /webhooks/payments", p.paid)
	mux.HandleFunc("POST /webhooks/refunds", p.refunded)
	mux.HandleFunc("POST /webhooks/disputes", p.disputed)
	mux.HandleFunc("POST /webhooks/subscriptions", p.renewed)
	mux.HandleFunc("POST /webhooks/chargebacks", p.chargeback)
}

func (p *Payments) decode(w http.ResponseWriter, r *http.Request) (ProviderEvent, bool) {
	var ev ProviderEvent
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "read", http.StatusBadRequest)
		return ev, false
	}
	mac := hmac.New(sha256.New, p.secret)
	mac.Write(body)
	if !hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(r.Header.Get("X-Signature"))) {
		http.Error(w, "signature", http.StatusUnauthorized)
		return ev, false
	}
	if err := json.Unmarshal(body, &ev); err != nil {
		http.Error(w, "json", http.StatusBadRequest)
		return ev, false
	}
	return ev, true
}

func (p *Payments) paid(w http.ResponseWriter, r *http.Request) {
	ev, ok := p.decode(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	err := p.kv.Do(ctx, p.kv.B().Set().Key("evt:"+ev.ID).Value("1").Nx().Ex(30*time.Minute).Build()).Error() // BUG: dedupttl
	if valkey.IsValkeyNil(err) {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err != nil {
		http.Error(w, "store", http.StatusServiceUnavailable)
		return
	}
	if err := p.orders.MarkPaidConditional(ctx, ev.OrderRef, p.ledgerURL); err != nil {
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (p *Payments) refunded(w http.ResponseWriter, r *http.Request) {
	ev, ok := p.decode(w, r)
	if !ok {
		return
	}
	payload, _ := json.Marshal(ev)
	if err := p.events.WriteMessages(r.Context(), kafka.Message{Key: []byte(ev.OrderRef), Value: payload}); err != nil { // BUG: missingkey
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (p *Payments) disputed(w http.ResponseWriter, r *http.Request) {
	ev, ok := p.decode(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	err := p.rdb.Do(ctx, p.rdb.B().Set().Key("dedup:dispute:"+ev.ID).Value("1").Nx().ExSeconds(3600).Build()).Error() // BUG: dedupttl
	if rueidis.IsRedisNil(err) {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err != nil {
		http.Error(w, "store", http.StatusServiceUnavailable)
		return
	}
	if err := p.forward(ctx, ev); err != nil {
		http.Error(w, "retry", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// forward relays a dispute to the fraud partner, retrying transient errors.
func (p *Payments) forward(ctx context.Context, ev ProviderEvent) error {
	body, _ := json.Marshal(ev)
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.partner+"/disputes", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", uuid.NewString()) // BUG: coarsekey
		resp, err := p.client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 {
				return nil
			}
			lastErr = fmt.Errorf("partner: status %d", resp.StatusCode)
		} else {
			lastErr = err
		}
		time.Sleep(time.Duration(attempt+1) * 200 * time.Millisecond)
	}
	return lastErr
}

// forwardStable is the variant used for chargebacks: one key for all attempts.
func (p *Payments) forwardStable(ctx context.Context, ev ProviderEvent) error {
	body, _ := json.Marshal(ev)
	key := "cb-" + ev.ID
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.partner+"/chargebacks", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Idempotency-Key", key)
		resp, err := p.client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 {
				return nil
			}
			lastErr = fmt.Errorf("partner: status %d", resp.StatusCode)
		} else {
			lastErr = err
		}
		time.Sleep(time.Duration(attempt+1) * 200 * time.Millisecond)
	}
	return lastErr
}

// chargeback records the event in the inbox in the same transaction as its
// effect, then forwards it with a stable key.
func (p *Payments) chargeback(w http.ResponseWriter, r *http.Request) {
	ev, ok := p.decode(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	err := p.inbox.OnceTx(ctx, "chargebacks", ev.ID, func(tx *gorm.DB) error {
		return tx.Table("chargebacks").Create(map[string]any{"event_id": ev.ID, "order_ref": ev.OrderRef, "amount": ev.Amount}).Error
	})
	if err != nil {
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	if err := p.forwardStable(ctx, ev); err != nil {
		http.Error(w, "retry", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// renewed charges a subscription renewal.
func (p *Payments) renewed(w http.ResponseWriter, r *http.Request) {
	ev, ok := p.decode(w, r)
	if !ok {
		return
	}
	idemKey := fmt.Sprintf("renew-%s-%s", ev.CustomerID, time.Now().UTC().Format("2006-01-02")) // BUG: coarsekey
	if _, err := p.gw.Charge(r.Context(), notify.ChargeRequest{OrderRef: ev.OrderRef, Amount: ev.Amount, Currency: "EUR"}, idemKey); err != nil {
		http.Error(w, "retry", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
}
