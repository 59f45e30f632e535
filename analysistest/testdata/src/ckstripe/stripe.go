// Package ckstripe holds coarsekey cases on stripe-go v82 idempotency keys.
package ckstripe

import (
	"fmt"
	"time"

	"github.com/avast/retry-go/v4"
	"github.com/google/uuid"
	stripe "github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/charge"
)

// positive: SetIdempotencyKey from the customer and the day.
func ChargeDaily(customerID string, amount int64) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount), Customer: stripe.String(customerID)}
	params.SetIdempotencyKey(customerID + "-" + time.Now().Format("2006-01-02")) // want `idempotency key customerID\+"-"\+time.Now\(\).Format\("2006-01-02"\) is built only from the customer id and the calendar day`
	_, err := charge.New(params)
	return err
}

// negative twin: the order id.
func ChargeOrder(customerID, orderID string, amount int64) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount), Customer: stripe.String(customerID)}
	params.SetIdempotencyKey("charge-" + orderID)
	_, err := charge.New(params)
	return err
}

// positive: the IdempotencyKey field through stripe.String and Sprintf.
func ChargeField(customerID string, amount int64) error {
	day := time.Now().UTC().Format(time.DateOnly)
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	params.IdempotencyKey = stripe.String(fmt.Sprintf("%s:%s", customerID, day)) // want `idempotency key stripe.String\(fmt.Sprintf\("%s:%s", customerID, day\)\) is built only from the customer id and the calendar day`
	_, err := charge.New(params)
	return err
}

// negative twin: the field from the invoice id.
func ChargeInvoice(customerID, invoiceID string, amount int64) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	params.IdempotencyKey = stripe.String(fmt.Sprintf("%s:%s", customerID, invoiceID))
	_, err := charge.New(params)
	return err
}

// positive: the key set in a composite literal, from the customer only.
func ChargeLiteral(customerID string, amount int64) error {
	params := &stripe.ChargeParams{
		Params: stripe.Params{IdempotencyKey: stripe.String("cust-" + customerID)}, // want `idempotency key stripe.String\("cust-"\+customerID\) is built only from the customer id: two different operations of one customer collide`
		Amount: stripe.Int64(amount),
	}
	_, err := charge.New(params)
	return err
}

// negative: the stripe account is not an idempotency key.
func ChargeAccount(accountID string, amount int64) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	params.SetStripeAccount(accountID + time.Now().Format("2006-01-02"))
	_, err := charge.New(params)
	return err
}

// positive: a fresh key inside the retried func: every retry is a new charge.
func ChargeRetried(orderID string, amount int64) error {
	return retry.Do(func() error {
		params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
		params.SetIdempotencyKey(uuid.NewString()) // want `idempotency key uuid.NewString\(\) is minted fresh on every attempt \(uuid.NewString\(\)\): each retry sends a new key`
		_, err := charge.New(params)
		return err
	}, retry.Attempts(3))
}

// negative twin: minted once, before the retries.
func ChargeRetriedOnce(orderID string, amount int64) error {
	key := uuid.NewString()
	return retry.Do(func() error {
		params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
		params.SetIdempotencyKey(key)
		_, err := charge.New(params)
		return err
	}, retry.Attempts(3))
}

// negative: a fresh key for a one-shot call with no operation id at hand.
func ChargeOnce(amount int64) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	params.SetIdempotencyKey(uuid.New().String())
	_, err := charge.New(params)
	return err
}
