package model

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestLayoutFinest(t *testing.T) {
	for _, tc := range []struct {
		layout string
		unit   time.Duration
		prints bool
	}{
		{"2006-01-02", Day, true},
		{time.DateOnly, Day, true},
		{"20060102", Day, true},
		{"02 Jan 06", Day, true},
		{"Monday", Day, true},
		{"__2", Day, true}, // day of the year
		{"2006-01-02T15", time.Hour, true},
		{"2006010215", time.Hour, true},
		{"200601021504", time.Minute, true},
		{"15:04", time.Minute, true},
		{"2006-01", Month, true},
		{"Jan 2006", Month, true},
		{"2006", Year, true},
		{time.RFC3339, time.Second, true},
		{time.Kitchen, time.Minute, true},
		{time.RFC3339Nano, time.Nanosecond, true},
		{time.StampMilli, time.Millisecond, true},
		{"2006-01-02 15:04:05.000000", time.Microsecond, true},
		{"static-text", 0, false},
		{"", 0, false},
	} {
		unit, prints := LayoutFinest(tc.layout)
		assert.Equal(t, tc.prints, prints, tc.layout)
		assert.Equal(t, tc.unit, unit, tc.layout)
	}
}

func TestClassifyName(t *testing.T) {
	for name, want := range map[string]Part{
		"userID": ActorPart, "user_id": ActorPart, "UserId": ActorPart, "userid": ActorPart,
		"X-User-Id": ActorPart, "customerEmail": ActorPart, "tenant": ActorPart, "sub": ActorPart,
		"AccountID": ActorPart, "orgID": ActorPart,
		"eventID": OperationPart, "EventId": OperationPart, "msgID": OperationPart, "Idempotency-Key": OperationPart,
		"orderID": OperationPart, "userOrderID": OperationPart, "requestId": OperationPart, "Nats-Msg-Id": OperationPart,
		"paymentIntentID": OperationPart, "Offset": OperationPart, "topUpID": OperationPart,
		"id": UnknownPart, "key": UnknownPart, "s": UnknownPart, "value": UnknownPart, "subscriber": UnknownPart,
		"username2": UnknownPart, "subID": UnknownPart, "subscriptionID": OperationPart,
	} {
		assert.Equal(t, want, ClassifyName(name), name)
	}
}

func TestWords(t *testing.T) {
	assert.Equal(t, []string{"user", "id"}, Words("userID"))
	assert.Equal(t, []string{"user", "id"}, Words("user_id"))
	assert.Equal(t, []string{"x", "user", "id"}, Words("X-User-Id"))
	assert.Equal(t, []string{"user", "id"}, Words("userid"))
	assert.Equal(t, []string{"http", "server"}, Words("HTTPServer"))
	assert.Equal(t, []string{"s"}, Words(":%s:"))
}

func TestClockName(t *testing.T) {
	for name, want := range map[string]time.Duration{
		"day": Day, "today": Day, "dateStr": Day, "hourBucket": time.Hour, "week": Week, "curMonth": Month,
	} {
		unit, ok := ClockName(name)
		assert.True(t, ok, name)
		assert.Equal(t, want, unit, name)
	}
	for _, name := range []string{"id", "dayOfUser", "bucket", "deadline", "holiday"} {
		_, ok := ClockName(name)
		assert.False(t, ok, name)
	}
}

func TestKeyNamePurpose(t *testing.T) {
	assert.Equal(t, ForDedup, KeyNamePurpose("IdempotencyKey"))
	assert.Equal(t, ForDedup, KeyNamePurpose("OrderIdempotencyKey"))
	assert.Equal(t, ForDedup, KeyNamePurpose("TopUpKey"))
	assert.Equal(t, ForCache, KeyNamePurpose("TopUpCacheKey"))
	assert.Equal(t, Unsaid, KeyNamePurpose("GetUserGlobalRecvMsgOptKey"))
	assert.Equal(t, Unsaid, KeyNamePurpose("MsgKeyFor"))
	assert.Equal(t, Unsaid, KeyNamePurpose("Key"))
}

func TestKeyPurpose(t *testing.T) {
	assert.Equal(t, ForDedup, KeyPurpose("idem:"))
	assert.Equal(t, ForDedup, KeyPurpose("processed_events:"))
	assert.Equal(t, ForLease, KeyPurpose("lock:order:"))
	assert.Equal(t, ForLimit, KeyPurpose("ratelimit:"))
	assert.Equal(t, ForCache, KeyPurpose("cache:user:"))
	assert.Equal(t, Unsaid, KeyPurpose("digest:"))
	// camel case splits a noun: TopUp, PayOut, InFlight
	assert.Equal(t, ForDedup, KeyPurpose("TopUpKey"))
	assert.Equal(t, ForDedup, KeyPurpose("PayOutKey"))
	assert.Equal(t, ForLease, KeyPurpose("InFlight"))
	assert.Equal(t, Unsaid, KeyPurpose("TopKey"))
}

func TestIdempotencyField(t *testing.T) {
	for _, name := range []string{"IdempotencyKey", "SetIdempotencyKey", "IdempotencyToken", "DedupKey", "DeduplicationID"} {
		assert.True(t, IdempotencyField(name), name)
	}
	for _, name := range []string{"Key", "SetStripeAccount", "ClientRequestToken", "IdempotencyKeyPrefix", "RequestID"} {
		assert.False(t, IdempotencyField(name), name)
	}
}

func TestActorNoun(t *testing.T) {
	assert.Equal(t, "the user id", ActorNoun("userID"))
	assert.Equal(t, "the customer email", ActorNoun("customerEmail"))
	assert.Equal(t, "the user id", ActorNoun("sub"))
	assert.Equal(t, "the account id", ActorNoun("acct"))
	assert.Equal(t, "the email", ActorNoun("email"))
}

func TestNamespaceName(t *testing.T) {
	for _, name := range []string{"prefix", "keyPrefix", "redisNamespace", "ns", "cachePrefix"} {
		assert.True(t, NamespaceName(name), name)
	}
	for _, name := range []string{"scope", "prefixLen", "userID", "name", ""} {
		assert.False(t, NamespaceName(name), name)
	}
}

func TestMarksDone(t *testing.T) {
	assert.True(t, MarksDone("dedup:cancel: "))
	assert.True(t, MarksDone("processed_events:"))
	assert.False(t, MarksDone("order:"), "an order key may reserve a new order's id")
	assert.False(t, MarksDone("lock:dedup:"), "a lock")
	assert.False(t, MarksDone(""))
}

func TestLifecycleStep(t *testing.T) {
	assert.True(t, LifecycleStep("welcome: "))
	assert.True(t, LifecycleStep("signup_bonus:"))
	assert.False(t, LifecycleStep("final: "), "a final notice is per invoice")
	assert.False(t, LifecycleStep("remind: "))
}

func TestIdentifiedNoun(t *testing.T) {
	for name, want := range map[string]string{
		"alertID": "alert", "FaxSid": "fax", "nudge_id": "nudge",
		"id": "", "alert": "", "customerID": "", "AccountSid": "", "eventID": "", "MessageSid": "",
	} {
		assert.Equal(t, want, IdentifiedNoun(name), name)
	}
	assert.True(t, TextNames("wh:twilio:fax:", "fax"))
	assert.False(t, TextNames("faxes:", "fax"))
}
