// Package ckgatewayuse passes idempotency keys to a gateway of another package
// that sends them as a header.
package ckgatewayuse

import (
	"context"
	"fmt"
	"time"

	"ckgateway"
)

type Event struct {
	ID         string
	CustomerID string
}

// positive: the customer and the day, sent as the Idempotency-Key by the gateway.
func Renew(ctx context.Context, gw *ckgateway.Gateway, ev Event) error {
	key := fmt.Sprintf("renew-%s-%s", ev.CustomerID, time.Now().UTC().Format("2006-01-02")) // want `idempotency key .* is built only from the customer id and the calendar day`
	return gw.Charge(ctx, nil, key)
}

// negative twin: the event's id.
func RenewEvent(ctx context.Context, gw *ckgateway.Gateway, ev Event) error {
	key := fmt.Sprintf("renew-%s-%s", ev.ID, time.Now().UTC().Format("2006-01-02"))
	return gw.Charge(ctx, nil, key)
}
