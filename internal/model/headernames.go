package model

// Header names of the domain: the headers that carry one id per logical operation or
// event, the per-request ids that do not, and the family a dedup key should come
// from. internal/headers builds the run's vocabulary (Names) on them.

import "strings"

// IdempotencyHeaders are the headers that carry one id per logical operation or
// event, stable across retries of that operation.
var IdempotencyHeaders = []string{
	"Idempotency-Key", "X-Idempotency-Key", "Idempotency-Token", "X-Idempotency-Token",
	"X-Idempotency-Id", "X-Dedup-Key", "X-Dedupe-Key", "X-Deduplication-Id",
	"X-Event-Id", "Event-Id", "X-Message-Id", "X-Msg-Id", "X-Delivery-Id", "X-Webhook-Id",
	"X-Webhook-Delivery-Id", "X-Operation-Id",
}

// PerRequestHeaders are ids minted per HTTP request (or per trace): a retry of the
// same operation carries a new one, so a dedup keyed on them never matches.
var PerRequestHeaders = []string{
	"X-Request-Id", "Request-Id", "X-Req-Id", "X-Correlation-Id", "X-Trace-Id",
	"Traceparent", "X-Amzn-Trace-Id", "X-Cloud-Trace-Context", "X-B3-Traceid",
}

// KeyFamilyHeader reports *-Event-Id, *-Delivery(-Id), Idempotency-Key and its
// variants: the headers that name a delivery, best to recommend as a dedup key.
func KeyFamilyHeader(name string) bool {
	n := strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	return strings.HasSuffix(n, "event-id") || strings.Contains(n, "delivery") || strings.Contains(n, "idempot")
}
