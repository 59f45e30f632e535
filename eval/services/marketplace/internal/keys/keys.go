// Package keys builds the idempotency keys we send to Stripe and the payment
// provider, so that every service spells them the same way.
package keys

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// PayoutKey is the Stripe idempotency key of a seller payout.
func PayoutKey(sellerID string, at time.Time) string {
	return "payout:" + sellerID + ":" + at.UTC().Format("2006-01-02") // BUG: coarsekey
}

// RefundKey is the idempotency key of one refund request.
func RefundKey(refundID string) string {
	return "refund:" + refundID
}

// ChargeKey is the idempotency key of the charge of one order.
func ChargeKey(orderID string) string {
	return "charge:" + orderID
}

// BodyKey hashes a whole request body; identical retries get identical keys.
func BodyKey(body []byte) string {
	sum := sha256.Sum256(body)
	return "body:" + hex.EncodeToString(sum[:])
}
