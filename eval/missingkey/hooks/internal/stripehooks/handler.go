// Package stripehooks receives Stripe webhooks.
package stripehooks

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/charge"
	"github.com/stripe/stripe-go/v82/refund"
	"github.com/stripe/stripe-go/v82/webhook"

	"example.com/hooks/internal/billing"
	"example.com/hooks/internal/idem"
	"example.com/hooks/internal/repo"
)

const maxBody = 1 << 16

type Handler struct {
	Secret        string
	ConnectSecret string
	Billing       *repo.Billing
	Pool          *pgxpool.Pool
	Claims        *idem.Claims
	RDB           *redis.Client
	SC            *stripe.Client
	Credits       *billing.Client
	Log           *slog.Logger
}

func (h *Handler) event(w http.ResponseWriter, r *http.Request, signature, secret string) (stripe.Event, bool) {
	payload, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		http.Error(w, "read error", http.StatusServiceUnavailable)
		return stripe.Event{}, false
	}
	evt, err := webhook.ConstructEventWithOptions(payload, signature, secret,
		webhook.ConstructEventOptions{IgnoreAPIVersionMismatch: true})
	if err != nil {
		h.Log.Warn("stripe signature", "err", err)
		w.WriteHeader(http.StatusBadRequest)
		return stripe.Event{}, false
	}
	return evt, true
}

// ServeStripe handles the main account's events.
func (h *Handler) ServeStripe(w http.ResponseWriter, r *http.Request) {
	evt, ok := h.event(w, r, r.Header.Get("Stripe-Signature"), h.Secret)
	if !ok {
		return
	}
	ctx := r.Context()
	first, err := h.Claims.Claim(ctx, "stripe:"+evt.ID)
	if err != nil {
		http.Error(w, "retry", http.StatusServiceUnavailable)
		return
	}
	if !first {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.dispatch(ctx, evt); err != nil {
		h.Claims.Forget(ctx, "stripe:"+evt.ID)
		h.Log.Error("stripe event", "type", evt.Type, "err", err)
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (h *Handler) dispatch(ctx context.Context, evt stripe.Event) error {
	switch evt.Type {
	case stripe.EventTypeInvoicePaid:
		var inv stripe.Invoice
		if err := json.Unmarshal(evt.Data.Raw, &inv); err != nil {
			return err
		}
		if err := h.Billing.RecordPayment(ctx, repo.Invoice{ID: inv.ID, CustomerID: inv.Customer.ID, AmountCents: inv.AmountPaid, Currency: string(inv.Currency), PaidAt: time.Now()}); err != nil {
			return err
		}
		return h.Billing.MarkInvoicePaid(ctx, inv.ID)
	case stripe.EventTypeCustomerUpdated:
		var c stripe.Customer
		if err := json.Unmarshal(evt.Data.Raw, &c); err != nil {
			return err
		}
		return h.Billing.UpsertCustomer(ctx, c.ID, c.Email, c.Name)
	}
	return nil
}

// ServeConnect handles events of connected accounts.
func (h *Handler) ServeConnect(w http.ResponseWriter, r *http.Request) {
	evt, ok := h.event(w, r, r.Header.Get("Stripe-Signature"), h.ConnectSecret)
	if !ok {
		return
	}
	ctx := r.Context()
	switch evt.Type {
	case stripe.EventTypePayoutPaid:
		var p stripe.Payout
		if err := json.Unmarshal(evt.Data.Raw, &p); err != nil {
			break
		}
		if _, err := h.Pool.Exec(ctx, `UPDATE seller_payouts SET status = 'paid', arrived_at = now() WHERE stripe_payout_id = $1`, p.ID); err != nil {
			http.Error(w, "retry", http.StatusInternalServerError)
			return
		}
	case stripe.EventTypeAccountUpdated:
		var a stripe.Account
		if err := json.Unmarshal(evt.Data.Raw, &a); err != nil {
			break
		}
		h.RDB.HSet(ctx, "seller:"+a.ID, "charges_enabled", a.ChargesEnabled, "payouts_enabled", a.PayoutsEnabled)
	case stripe.EventTypeTransferCreated:
		var t stripe.Transfer
		if err := json.Unmarshal(evt.Data.Raw, &t); err != nil {
			break
		}
		h.RDB.IncrBy(ctx, "seller:transferred:"+evt.Account, t.Amount) // BUG: missingkey
	}
	w.WriteHeader(http.StatusOK)
}

// ServeInvoices is the billing team's endpoint for invoice events.
func (h *Handler) ServeInvoices(w http.ResponseWriter, r *http.Request) {
	evt, ok := h.event(w, r, r.Header.Get("Stripe-Signature"), h.Secret)
	if !ok {
		return
	}
	ctx := r.Context()
	h.RDB.SetNX(ctx, "stripe:invoice-evt:"+evt.ID, time.Now().Unix(), 72*time.Hour) // AMBIG: missingkey
	var inv stripe.Invoice
	if err := json.Unmarshal(evt.Data.Raw, &inv); err != nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.Billing.RecordPayment(ctx, repo.Invoice{ID: inv.ID, CustomerID: inv.Customer.ID, AmountCents: inv.AmountPaid, Currency: string(inv.Currency), PaidAt: time.Now()}); err != nil { // BUG: missingkey
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// ServeFraud refunds charges that Radar flags with an early fraud warning.
func (h *Handler) ServeFraud(w http.ResponseWriter, r *http.Request) {
	evt, ok := h.event(w, r, r.Header.Get("Stripe-Signature"), h.Secret)
	if !ok {
		return
	}
	if evt.Type != stripe.EventTypeRadarEarlyFraudWarningCreated {
		w.WriteHeader(http.StatusOK)
		return
	}
	var efw stripe.RadarEarlyFraudWarning
	if err := json.Unmarshal(evt.Data.Raw, &efw); err != nil || efw.Charge == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	params := &stripe.RefundParams{Charge: stripe.String(efw.Charge.ID)}
	params.SetIdempotencyKey("efw-refund-" + evt.ID)
	if _, err := refund.New(params); err != nil {
		http.Error(w, "retry", http.StatusBadGateway)
		return
	}
	if _, err := h.Pool.Exec(r.Context(), `UPDATE orders SET status = 'refunded_fraud' WHERE stripe_charge_id = $1`, efw.Charge.ID); err != nil {
		http.Error(w, "retry", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// ServeSubscriptions charges the one-off setup fee for new subscriptions.
func (h *Handler) ServeSubscriptions(w http.ResponseWriter, r *http.Request) {
	payload, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	evt, err := webhook.ConstructEvent(payload, r.Header.Get("Stripe-Signature"), h.Secret)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	var sub stripe.Subscription
	if err := json.Unmarshal(evt.Data.Raw, &sub); err != nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	switch evt.Type {
	case stripe.EventTypeCustomerSubscriptionDeleted:
		if err := h.Billing.CancelSubscription(r.Context(), sub.ID); err != nil {
			http.Error(w, "retry", http.StatusInternalServerError)
			return
		}
	case stripe.EventTypeCustomerSubscriptionCreated:
		if sub.Customer == nil {
			break
		}
		_, err := charge.New(&stripe.ChargeParams{ // BUG: missingkey
			Amount:      stripe.Int64(4900),
			Currency:    stripe.String(string(stripe.CurrencyUSD)),
			Customer:    stripe.String(sub.Customer.ID),
			Description: stripe.String("Setup fee"),
		})
		if err != nil {
			http.Error(w, "retry", http.StatusBadGateway)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
}

// ServeMarketplace pays sellers their share once checkout completes.
func (h *Handler) ServeMarketplace(w http.ResponseWriter, r *http.Request) {
	evt, ok := h.event(w, r, r.Header.Get("Stripe-Signature"), h.Secret)
	if !ok {
		return
	}
	if evt.Type != stripe.EventTypeCheckoutSessionCompleted {
		w.WriteHeader(http.StatusOK)
		return
	}
	var cs stripe.CheckoutSession
	if err := json.Unmarshal(evt.Data.Raw, &cs); err != nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	seller := cs.Metadata["seller_account"]
	params := &stripe.TransferCreateParams{
		Amount:        stripe.Int64(cs.AmountTotal * 85 / 100),
		Currency:      stripe.String(string(cs.Currency)),
		Destination:   stripe.String(seller),
		TransferGroup: stripe.String(cs.ID),
	}
	params.SetIdempotencyKey("seller-share-" + evt.ID)
	if _, err := h.SC.V1Transfers.Create(r.Context(), params); err != nil {
		http.Error(w, "retry", http.StatusBadGateway)
		return
	}
	if err := h.Credits.GrantCreditOnce(r.Context(), "checkout-bonus:"+evt.ID, billing.Credit{AccountID: cs.ClientReferenceID, AmountCents: 100, Reason: "first purchase"}); err != nil {
		h.Log.Warn("bonus", "err", err)
	}
	w.WriteHeader(http.StatusOK)
}

// ServeReferrals credits the referrer when a referred customer's first
// invoice is paid. Test-mode events are not deduplicated: QA replays them
// from the dashboard on purpose.
func (h *Handler) ServeReferrals(w http.ResponseWriter, r *http.Request) {
	evt, ok := h.event(w, r, r.Header.Get("Stripe-Signature"), h.Secret)
	if !ok {
		return
	}
	ctx := r.Context()
	if evt.Livemode {
		first, err := h.Claims.Claim(ctx, "referral:"+evt.ID)
		if err != nil {
			http.Error(w, "retry", http.StatusServiceUnavailable)
			return
		}
		if !first {
			w.WriteHeader(http.StatusOK)
			return
		}
	}
	var inv stripe.Invoice
	if err := json.Unmarshal(evt.Data.Raw, &inv); err != nil || inv.Customer == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	referrer := inv.Customer.Metadata["referred_by"]
	if referrer == "" {
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := h.Credits.GrantCredit(ctx, billing.Credit{AccountID: referrer, AmountCents: 1000, Reason: "referral"}); err != nil { // BUG: missingkey
		http.Error(w, "retry", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
}
