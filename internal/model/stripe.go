package model

// github.com/stripe/stripe-go/v82 (checked against v82.5.1): every request's
// Params carries an IdempotencyKey, set as a field or with SetIdempotencyKey;
// stripe.String(s) only takes the address of s.

import "go/types"

const stripe = "github.com/stripe/stripe-go/v82"

var stripeFlows = map[string]Flow{
	stripe + ".String": FromArgs,
}

// IdempotencyField reports whether a struct field or a setter method carries an
// outgoing idempotency key: stripe's Params.IdempotencyKey and SetIdempotencyKey,
// and any field or method named like them in an SDK or a client of the user's
// (IdempotencyKey, IdempotencyToken, SetIdempotencyKey, ClientRequestToken is not:
// it is an AWS request token the SDK mints per call).
func IdempotencyField(name string) bool {
	words := Words(name)
	if len(words) > 0 && words[0] == "set" {
		words = words[1:]
	}
	if len(words) != 2 {
		return false
	}
	switch words[0] {
	case "idempotency", "idempotent", "idem", "dedup", "dedupe", "deduplication":
		return words[1] == "key" || words[1] == "token" || words[1] == "id"
	}
	return false
}

func stripeFollow(fn *types.Func) Flow { return stripeFlows[funcName(fn)] }
