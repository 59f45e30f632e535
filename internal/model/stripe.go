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

// Payments are side effects: every create moves money again unless it carries an
// idempotency key (Params.IdempotencyKey, sent as the Idempotency-Key header),
// which Stripe dedups for 24 hours. The package-level API (charge.New,
// paymentintent.New, refund.New, transfer.New, payout.New, each also on a
// Client) and the client API's services (sc.V1Charges.Create, ...), v82.5.1
// charge/client.go, *_service.go.
var stripeLib = func() *Library {
	var rows []Row
	keyed := func(r Row, params int) Row {
		r.Value, r.KeyField = params, "IdempotencyKey"
		return r
	}
	paths := []string{stripe}
	for _, res := range []string{"charge", "paymentintent", "refund", "transfer", "payout"} {
		pkg := stripe + "/" + res
		paths = append(paths, pkg)
		rows = append(rows,
			keyed(sideEffect(pkg, "", "New", Payment, res+".New"), 0),
			keyed(sideEffect(pkg, "Client", "New", Payment, res+".New"), 0))
	}
	for _, svc := range []string{"v1ChargeService", "v1PaymentIntentService", "v1RefundService", "v1TransferService", "v1PayoutService"} {
		rows = append(rows, keyed(sideEffect(stripe, svc, "Create", Payment, "Create"), 1))
	}
	rows = append(rows,
		keyed(sideEffect(stripe+"/paymentintent", "", "Confirm", Payment, "paymentintent.Confirm"), 1),
		keyed(sideEffect(stripe+"/paymentintent", "", "Capture", Payment, "paymentintent.Capture"), 1),
		keyed(sideEffect(stripe, "v1PaymentIntentService", "Confirm", Payment, "Confirm"), 2),
		keyed(sideEffect(stripe, "v1PaymentIntentService", "Capture", Payment, "Capture"), 2))
	return &Library{Name: "stripe-go v82", Paths: paths, Rows: rows}
}()

// stripeMints reports stripe.NewIdempotencyKey: a new random key on every call.
func stripeMints(fn *types.Func) bool {
	return fn.Pkg() != nil && fn.Pkg().Path() == stripe && fn.Name() == "NewIdempotencyKey"
}
