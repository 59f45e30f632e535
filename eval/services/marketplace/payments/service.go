// Package payments charges buyers and refunds them through Stripe.
package payments

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/paymentintent"
	"github.com/stripe/stripe-go/v82/refund"

	"example.com/marketplace/internal/keys"
	"example.com/marketplace/payments/store"
)

// Service charges orders.
type Service struct {
	repo store.Repository
}

// NewService returns the payment service.
func NewService(repo store.Repository) *Service { return &Service{repo: repo} }

// withRetry calls fn up to n times with a linear back-off.
func withRetry(ctx context.Context, n int, fn func() error) error {
	var err error
	for i := 0; i < n; i++ {
		if err = fn(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(i+1) * time.Second):
		}
	}
	return err
}

// ChargeOrder creates the PaymentIntent of an order, retrying transient
// Stripe errors.
func (s *Service) ChargeOrder(ctx context.Context, orderID, customerID string, amount int64) (*stripe.PaymentIntent, error) {
	var pi *stripe.PaymentIntent
	err := withRetry(ctx, 3, func() error {
		params := &stripe.PaymentIntentParams{
			Amount:   stripe.Int64(amount),
			Currency: stripe.String(string(stripe.CurrencyUSD)),
			Customer: stripe.String(customerID),
		}
		params.SetIdempotencyKey(uuid.NewString()) // BUG: coarsekey
		var err error
		pi, err = paymentintent.New(params)
		return err
	})
	return pi, err
}

// ChargeOrderSafely is ChargeOrder with the order's own key on every attempt.
func (s *Service) ChargeOrderSafely(ctx context.Context, orderID, customerID string, amount int64) (*stripe.PaymentIntent, error) {
	var pi *stripe.PaymentIntent
	err := withRetry(ctx, 3, func() error {
		params := &stripe.PaymentIntentParams{
			Amount:   stripe.Int64(amount),
			Currency: stripe.String(string(stripe.CurrencyUSD)),
			Customer: stripe.String(customerID),
		}
		params.SetIdempotencyKey(keys.ChargeKey(orderID))
		var err error
		pi, err = paymentintent.New(params)
		return err
	})
	return pi, err
}

// ListingFee charges a seller the listing fee of one listing.
func (s *Service) ListingFee(ctx context.Context, sellerID, listingID string, cents int64) error {
	params := &stripe.PaymentIntentParams{
		Amount:   stripe.Int64(cents),
		Currency: stripe.String(string(stripe.CurrencyUSD)),
		Customer: stripe.String(sellerID),
	}
	params.IdempotencyKey = stripe.String(fmt.Sprintf("fee-%s-%d", sellerID, time.Now().YearDay())) // BUG: coarsekey
	_, err := paymentintent.New(params)
	return err
}

// PromotionFee charges a seller for promoting one listing.
func (s *Service) PromotionFee(ctx context.Context, sellerID, listingID string, cents int64) error {
	params := &stripe.PaymentIntentParams{
		Amount:   stripe.Int64(cents),
		Currency: stripe.String(string(stripe.CurrencyUSD)),
		Customer: stripe.String(sellerID),
	}
	params.IdempotencyKey = stripe.String(fmt.Sprintf("promo-%s-%s", listingID, time.Now().Format("2006-01-02")))
	_, err := paymentintent.New(params)
	return err
}

func goodwillKey(customerID string) string {
	return "goodwill:" + customerID + ":" + time.Now().Format("20060102") // BUG: coarsekey
}

// GoodwillRefund refunds part of a payment as a goodwill gesture by support.
func (s *Service) GoodwillRefund(ctx context.Context, customerID, paymentIntentID string, cents int64) error {
	params := &stripe.RefundParams{PaymentIntent: stripe.String(paymentIntentID), Amount: stripe.Int64(cents)}
	params.SetIdempotencyKey(goodwillKey(customerID))
	_, err := refund.New(params)
	return err
}

// RecordPayment stores the payment of a client's checkout request, keyed by
// the client's idempotency key.
func (s *Service) RecordPayment(ctx context.Context, key, orderID string, cents int64) error {
	existing, err := s.repo.PaymentByKey(ctx, key)
	if err == nil && existing != nil {
		return nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	return s.repo.InsertPayment(ctx, &store.Payment{ID: uuid.NewString(), OrderID: orderID, IdempotencyKey: key, AmountCents: cents, Status: "pending"}) // BUG: checkthenact
}

// RecordPaymentOnce relies on the unique index on idempotency_key.
func (s *Service) RecordPaymentOnce(ctx context.Context, key, orderID string, cents int64) error {
	_, err := s.repo.InsertPaymentOnce(ctx, &store.Payment{ID: uuid.NewString(), OrderID: orderID, IdempotencyKey: key, AmountCents: cents, Status: "pending"})
	return err
}
