// Package charge is a stub of github.com/stripe/stripe-go/v82/charge v82.5.1.
package charge

import stripe "github.com/stripe/stripe-go/v82"

func New(params *stripe.ChargeParams) (*stripe.Charge, error) { return &stripe.Charge{}, nil }
