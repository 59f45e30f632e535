// Package ckkeys builds dedup keys for other packages (coarsekey cases across
// packages, through facts).
package ckkeys

import (
	"strings"
	"time"
)

// IdempotencyKey is named as a key builder and coarse on its own: reported here,
// once, even without a caller in this package.
func IdempotencyKey(userID string) string {
	return "idem:" + userID + ":" + time.Now().Format("2006-01-02") // want `idempotency key "idem:"\+userID\+":"\+time.Now\(\).Format\("2006-01-02"\) is built only from the user id and the calendar day`
}

// EventKey is named as a key builder and built from the event id: not reported.
func EventKey(eventID string) string {
	return "idem:" + eventID
}

// DayKey does not say it builds an idempotency key: reported where it is used as one.
func DayKey(userID string) string {
	return userID + ":" + time.Now().Format(time.DateOnly)
}

// TopUpKey names its operation in two camel-case words (a top-up): a key
// builder, reported here.
func TopUpKey(customerID string) string {
	return "topup-" + customerID // want `idempotency key "topup-"\+customerID is built only from the customer id`
}

// TopUpCacheKey is a cache key of the same parts: not reported.
func TopUpCacheKey(customerID string) string {
	return "topup-" + customerID
}

// UserRecvMsgOptKey keys a user's receive-message option (cached data): "msg"
// only qualifies the head of the name, "opt". Not a key builder, not reported.
func UserRecvMsgOptKey(userID string) string {
	return "USER_RECV_MSG_OPT:" + userID
}

// UserOptMsgKey is UserRecvMsgOptKey whose head is "msg": a message's dedup key
// built from the user id alone, reported here.
func UserOptMsgKey(userID string) string {
	return "USER_OPT_MSG:" + userID // want `idempotency key "USER_OPT_MSG:"\+userID is built only from the user id`
}

// Day is one part of a key, not a key: never reported by itself.
func Day() string { return time.Now().Format("2006-01-02") }

// Join is a generic joiner: its callers decide what the key is made of.
func Join(parts ...string) string { return strings.Join(parts, ":") }
