// Package ckwhere holds coarsekey cases on where a finding is reported: where the
// key is built, not where it is used, whatever carries it in between.
package ckwhere

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	stripe "github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/charge"
)

type Store struct {
	rdb *redis.Client
	db  *sql.DB
}

// inTx runs fn in a transaction.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err == nil {
		defer tx.Rollback()
		err = fn(tx)
	}
	return err
}

// positive: built in the function, claimed in a closure that captures it.
func (s *Store) Book(ctx context.Context, accountID string) error {
	key := accountID + ":" + time.Now().Format(time.DateOnly) // want `dedup key key is built only from the account id and the calendar day`
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO idempotency_keys (key) VALUES ($1) ON CONFLICT DO NOTHING", key)
		return err
	})
}

// negative twin: the captured key carries the reference id.
func (s *Store) BookRef(ctx context.Context, accountID, referenceID string) error {
	key := accountID + ":" + referenceID
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO idempotency_keys (key) VALUES ($1) ON CONFLICT DO NOTHING", key)
		return err
	})
}

// positive: built in a local, passed to the SDK through stripe.String a few
// lines later.
func ChargeLater(customerID string, amount int64) error {
	key := fmt.Sprintf("chg-%s-%s", customerID, time.Now().Format("2006-01-02")) // want `idempotency key .* is built only from the customer id and the calendar day`
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	params.IdempotencyKey = stripe.String(key)
	_, err := charge.New(params)
	return err
}

// negative twin: the local carries the order id.
func ChargeLaterOrder(customerID, orderID string, amount int64) error {
	key := fmt.Sprintf("chg-%s-%s", customerID, orderID)
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	params.IdempotencyKey = stripe.String(key)
	_, err := charge.New(params)
	return err
}

// positive: a builder that builds the key in a local before returning it is
// reported where it builds it.
func refundKey(customerID string) string {
	k := "refund:" + customerID + ":" + time.Now().Format("2006-01-02") // want `idempotency key "refund:"\+customerID.* is built only from the customer id and the calendar day`
	return k
}

func Refund(customerID string, amount int64) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	params.SetIdempotencyKey(refundKey(customerID))
	_, err := charge.New(params)
	return err
}

// negative twin: a suppression on the line that uses the key still holds.
func ChargeSuppressed(customerID string, amount int64) error {
	key := customerID + "-" + time.Now().Format("2006-01-02")
	params := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	//idemlint:ignore coarsekey one top-up per customer per day is the product rule
	params.SetIdempotencyKey(key)
	_, err := charge.New(params)
	return err
}
