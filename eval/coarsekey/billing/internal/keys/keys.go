// Package keys centralises the Redis key and idempotency-key formats used across billing.
package keys

import (
	"fmt"
	"strings"
	"time"
)

const prefix = "billing"

// DailyPayoutKey is sent as Idempotency-Key on payout requests to the payout provider.
func DailyPayoutKey(merchantID string, at time.Time) string {
	return fmt.Sprintf("payout:%s:%s", merchantID, at.UTC().Format("20060102")) // BUG: coarsekey
}

// TopUpKey identifies a wallet top-up charge at the PSP.
func TopUpKey(customerID string) string {
	return "topup-" + customerID // BUG: coarsekey
}

// RefundKey identifies a refund request to the PSP.
func RefundKey(customerID string, at time.Time) string {
	return strings.Join([]string{prefix, "refund", customerID, at.Format(time.DateOnly)}, ":") // BUG: coarsekey
}

// EventKey is the processed-marker key of an inbound event.
func EventKey(source, eventID string) string {
	return prefix + ":evt:" + source + ":" + eventID
}

// PaymentKey is the idempotency key of a payment attempt group.
func PaymentKey(customerID, paymentID string) string {
	return fmt.Sprintf("%s:pay:%s:%s", prefix, customerID, paymentID)
}

// LockKey is the mutex key for serialising work on one account.
func LockKey(accountID string) string {
	return prefix + ":lock:acct:" + accountID
}

// RateKey is the fixed-window counter of API calls per user and minute.
func RateKey(userID string, at time.Time) string {
	return fmt.Sprintf("%s:rl:%s:%s", prefix, userID, at.UTC().Format("200601021504"))
}

// StatementCacheKey caches a rendered monthly statement.
func StatementCacheKey(accountID string, month time.Time) string {
	return prefix + ":stmt:" + accountID + ":" + month.Format("2006-01")
}
