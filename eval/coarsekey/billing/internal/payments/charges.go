// Package payments talks to Stripe for charges, top-ups and refunds.
package payments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/stripe/stripe-go/v82"

	"example.com/billing/internal/keys"
	"example.com/billing/internal/platform"
)

// Service wraps the Stripe client.
type Service struct {
	SC    *stripe.Client
	Clock platform.Clock
	Log   *slog.Logger
}

// ChargeRequest is an off-session charge of a saved payment method.
type ChargeRequest struct {
	CustomerID    string
	PaymentMethod string
	OrderID       string
	AmountCents   int64
	Currency      string
	At            time.Time
}

func (r ChargeRequest) idemKey() string {
	return fmt.Sprintf("chg:%s:%s", r.CustomerID, r.At.Format(time.DateOnly)) // BUG: coarsekey
}

func (r ChargeRequest) orderKey() string {
	return fmt.Sprintf("chg:%s:%s", r.CustomerID, r.OrderID)
}

func (s *Service) params(r ChargeRequest) *stripe.PaymentIntentCreateParams {
	return &stripe.PaymentIntentCreateParams{
		Amount:        stripe.Int64(r.AmountCents),
		Currency:      stripe.String(r.Currency),
		Customer:      stripe.String(r.CustomerID),
		PaymentMethod: stripe.String(r.PaymentMethod),
		Confirm:       stripe.Bool(true),
		OffSession:    stripe.Bool(true),
	}
}

// ChargeSubscriptionOverage charges one overage line item (usage above a plan threshold);
// a busy customer crosses several thresholds a day.
func (s *Service) ChargeSubscriptionOverage(ctx context.Context, r ChargeRequest) (*stripe.PaymentIntent, error) {
	p := s.params(r)
	p.IdempotencyKey = stripe.String(r.idemKey())
	return s.SC.V1PaymentIntents.Create(ctx, p)
}

// ChargeOrder charges one checkout order.
func (s *Service) ChargeOrder(ctx context.Context, r ChargeRequest) (*stripe.PaymentIntent, error) {
	p := s.params(r)
	p.IdempotencyKey = stripe.String(r.orderKey())
	return s.SC.V1PaymentIntents.Create(ctx, p)
}

// ChargeInvoice charges a finalized invoice, keyed by the invoice number.
func (s *Service) ChargeInvoice(ctx context.Context, r ChargeRequest, invoiceNumber string) (*stripe.PaymentIntent, error) {
	p := s.params(r)
	p.SetIdempotencyKey("inv-" + invoiceNumber + "-" + r.CustomerID)
	p.AddMetadata("invoice_number", invoiceNumber)
	return s.SC.V1PaymentIntents.Create(ctx, p)
}

// ChargeDonation is the "round up" donation charged alongside an order.
func (s *Service) ChargeDonation(ctx context.Context, r ChargeRequest) (*stripe.PaymentIntent, error) {
	now := s.Clock.Now()
	p := s.params(r)
	p.SetIdempotencyKey(fmt.Sprintf("don-%s-%d-%03d", r.CustomerID, now.Year(), now.YearDay())) // BUG: coarsekey
	p.Description = stripe.String("Round-up donation")
	return s.SC.V1PaymentIntents.Create(ctx, p)
}

// TopUp loads the customer's prepaid wallet.
func (s *Service) TopUp(ctx context.Context, customerID, pm string, cents int64) (*stripe.PaymentIntent, error) {
	p := &stripe.PaymentIntentCreateParams{
		Amount:        stripe.Int64(cents),
		Currency:      stripe.String(string(stripe.CurrencyEUR)),
		Customer:      stripe.String(customerID),
		PaymentMethod: stripe.String(pm),
		Confirm:       stripe.Bool(true),
	}
	p.IdempotencyKey = stripe.String(keys.TopUpKey(customerID))
	return s.SC.V1PaymentIntents.Create(ctx, p)
}

// ChargeSeats charges added seats; the key is hashed so it fits Stripe's 255 chars.
func (s *Service) ChargeSeats(ctx context.Context, r ChargeRequest, seats int) (*stripe.PaymentIntent, error) {
	key := fmt.Sprintf("%x", sha256.Sum256([]byte(r.CustomerID+"|"+s.Clock.Now().Truncate(time.Hour).String()))) // BUG: coarsekey
	p := s.params(r)
	p.SetIdempotencyKey(key)
	p.AddMetadata("seats", fmt.Sprint(seats))
	return s.SC.V1PaymentIntents.Create(ctx, p)
}

// ChargeCart charges a cart; the key is a digest of the exact request body.
func (s *Service) ChargeCart(ctx context.Context, r ChargeRequest, cartJSON []byte) (*stripe.PaymentIntent, error) {
	sum := sha256.Sum256(cartJSON)
	p := s.params(r)
	p.SetIdempotencyKey("cart-" + hex.EncodeToString(sum[:]))
	return s.SC.V1PaymentIntents.Create(ctx, p)
}

// ChargeSplit charges one leg of a split payment.
func (s *Service) ChargeSplit(ctx context.Context, r ChargeRequest, paymentID string) (*stripe.PaymentIntent, error) {
	p := s.params(r)
	p.SetIdempotencyKey(keys.PaymentKey(r.CustomerID, paymentID))
	return s.SC.V1PaymentIntents.Create(ctx, p)
}

// ChargeWithRetry retries transient PSP failures; the key is fixed per payment so
// Stripe returns the first attempt's result on a retry.
func (s *Service) ChargeWithRetry(ctx context.Context, r ChargeRequest) (*stripe.PaymentIntent, error) {
	key := uuid.NewString()
	var pi *stripe.PaymentIntent
	err := platform.Retry(ctx, platform.DefaultRetry, func(attempt int) error {
		p := s.params(r)
		p.SetIdempotencyKey(key)
		var err error
		pi, err = s.SC.V1PaymentIntents.Create(ctx, p)
		return err
	})
	return pi, err
}

// ChargeLegacy is the pre-2025 path still used by the marketplace checkout.
func (s *Service) ChargeLegacy(ctx context.Context, r ChargeRequest) (*stripe.PaymentIntent, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		p := s.params(r)
		p.SetIdempotencyKey(uuid.NewString()) // BUG: coarsekey
		pi, err := s.SC.V1PaymentIntents.Create(ctx, p)
		if err == nil {
			return pi, nil
		}
		lastErr = err
		s.Log.Warn("charge failed, retrying", "attempt", attempt, "err", err)
		time.Sleep(time.Duration(attempt+1) * time.Second)
	}
	return nil, lastErr
}

// ChargeLegacyV2 mints the key once before the loop.
func (s *Service) ChargeLegacyV2(ctx context.Context, r ChargeRequest) (*stripe.PaymentIntent, error) {
	idem := uuid.Must(uuid.NewV7()).String()
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		p := s.params(r)
		p.SetIdempotencyKey(idem)
		pi, err := s.SC.V1PaymentIntents.Create(ctx, p)
		if err == nil {
			return pi, nil
		}
		lastErr = err
		time.Sleep(time.Duration(attempt+1) * time.Second)
	}
	return nil, lastErr
}

// ChargeMarketplace retries with a key generated by the SDK helper on every attempt.
func (s *Service) ChargeMarketplace(ctx context.Context, r ChargeRequest) (*stripe.PaymentIntent, error) {
	var pi *stripe.PaymentIntent
	err := platform.Retry(ctx, platform.DefaultRetry, func(int) error {
		p := s.params(r)
		p.IdempotencyKey = stripe.String(stripe.NewIdempotencyKey()) // AMBIG: coarsekey
		var err error
		pi, err = s.SC.V1PaymentIntents.Create(ctx, p)
		return err
	})
	return pi, err
}

// RefundRequest asks for a (partial) refund of a charge.
type RefundRequest struct {
	CustomerID string
	ChargeID   string
	Cents      int64
	Reason     string
	TicketID   string
}

// Refund issues a refund from the support console.
func (s *Service) Refund(ctx context.Context, rr RefundRequest) (*stripe.Refund, error) {
	p := &stripe.RefundCreateParams{
		Charge: stripe.String(rr.ChargeID),
		Amount: stripe.Int64(rr.Cents),
	}
	p.SetIdempotencyKey(keys.RefundKey(rr.CustomerID, s.Clock.Now()))
	p.AddMetadata("ticket", rr.TicketID)
	return s.SC.V1Refunds.Create(ctx, p)
}

// RefundForTicket keys the refund by the support ticket and the charge.
func (s *Service) RefundForTicket(ctx context.Context, rr RefundRequest) (*stripe.Refund, error) {
	p := &stripe.RefundCreateParams{
		Charge: stripe.String(rr.ChargeID),
		Amount: stripe.Int64(rr.Cents),
	}
	p.SetIdempotencyKey(fmt.Sprintf("refund-%s-%s-%d", rr.ChargeID, rr.TicketID, rr.Cents))
	return s.SC.V1Refunds.Create(ctx, p)
}

// PayoutConnected moves a seller's balance to their connected account once a month.
func (s *Service) PayoutConnected(ctx context.Context, accountID string, cents int64) (*stripe.Transfer, error) {
	now := s.Clock.Now()
	p := &stripe.TransferCreateParams{
		Amount:      stripe.Int64(cents),
		Currency:    stripe.String(string(stripe.CurrencyEUR)),
		Destination: stripe.String(accountID),
	}
	p.IdempotencyKey = stripe.String(fmt.Sprintf("xfer-%s-%d-%02d", accountID, now.Year(), now.Month())) // AMBIG: coarsekey
	return s.SC.V1Transfers.Create(ctx, p)
}

// TransferForPayout transfers one settled payout.
func (s *Service) TransferForPayout(ctx context.Context, payoutID, accountID string, cents int64) (*stripe.Transfer, error) {
	p := &stripe.TransferCreateParams{
		Amount:      stripe.Int64(cents),
		Currency:    stripe.String(string(stripe.CurrencyEUR)),
		Destination: stripe.String(accountID),
	}
	p.SetIdempotencyKey("xfer-" + payoutID)
	return s.SC.V1Transfers.Create(ctx, p)
}
