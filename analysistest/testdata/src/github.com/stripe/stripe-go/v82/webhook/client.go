// Package webhook is a stub of github.com/stripe/stripe-go/v82/webhook v82.5.1.
package webhook

import (
	"time"

	stripe "github.com/stripe/stripe-go/v82"
)

func ConstructEvent(payload []byte, header string, secret string) (stripe.Event, error) {
	return stripe.Event{}, nil
}

func ConstructEventWithTolerance(payload []byte, header string, secret string, tolerance time.Duration) (stripe.Event, error) {
	return stripe.Event{}, nil
}

func ValidatePayload(payload []byte, header string, secret string) error { return nil }
