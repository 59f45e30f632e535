// Package payments charges customers through the real stripe-go v82.
package payments

import (
	"fmt"
	"time"

	"github.com/avast/retry-go/v4"
	"github.com/google/uuid"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/charge"

	"example.com/keysmod/keys"
)

func Daily(customerID string, amount int64) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount), Customer: stripe.String(customerID)}
	params.SetIdempotencyKey(customerID + "-" + time.Now().Format("2006-01-02")) // want coarsekey
	_, err := charge.New(params)
	return err
}

func ForOrder(customerID, orderID string, amount int64) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount), Customer: stripe.String(customerID)}
	params.SetIdempotencyKey("order-" + orderID)
	_, err := charge.New(params)
	return err
}

func Field(customerID string, amount int64) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	params.IdempotencyKey = stripe.String(fmt.Sprintf("%s:%s", customerID, keys.Day())) // want coarsekey
	_, err := charge.New(params)
	return err
}

func ViaBuilder(customerID string, amount int64) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	params.SetIdempotencyKey(keys.ChargeKey(customerID))
	_, err := charge.New(params)
	return err
}

func Retried(amount int64) error {
	return retry.Do(func() error {
		params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
		params.SetIdempotencyKey(stripe.NewIdempotencyKey()) // want coarsekey
		_, err := charge.New(params)
		return err
	}, retry.Attempts(3))
}

func RetriedOnce(amount int64) error {
	key := uuid.NewString()
	return retry.Do(func() error {
		params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
		params.SetIdempotencyKey(key)
		_, err := charge.New(params)
		return err
	}, retry.Attempts(3))
}
