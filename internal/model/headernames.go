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

// Header-name words: a header the tables above do not list is still classified by
// the words of its name. Both functions take a name already folded to lower case,
// '_' as '-' and without an "X-" prefix.

// perRequestHeaderWords are the parts of a per-request or tracing id's name.
var perRequestHeaderWords = []string{"request-id", "req-id", "trace-id"}

// PerRequestHeaderName reports whether a folded header name says it is minted per
// request (X-Api-Request-Id, X-Upstream-Trace-Id).
func PerRequestHeaderName(folded string) bool { return containsAny(folded, perRequestHeaderWords) }

// Words of an idempotency or event-id header's name: a dedup word alone suffices;
// a delivery word with an id (or ending the name); an event word with an id.
var (
	dedupHeaderWords = []string{"idempot", "dedup"}
	eventHeaderWords = []string{"event", "message", "msg", "webhook", "invocation"}
	idHeaderWords    = []string{"-id", "uuid"}
)

const deliveryHeaderWord = "delivery"

// IdempotencyHeaderName reports whether a folded header name says it carries one
// id per operation or event (X-Shop-Idempotency, X-Gitea-Delivery, X-Event-Uuid).
func IdempotencyHeaderName(folded string) bool {
	hasID := containsAny(folded, idHeaderWords) || strings.HasSuffix(folded, "id")
	switch {
	case containsAny(folded, dedupHeaderWords):
		return true
	case strings.Contains(folded, deliveryHeaderWord) && (hasID || strings.HasSuffix(folded, deliveryHeaderWord)):
		return true
	case containsAny(folded, eventHeaderWords) && hasID:
		return true
	}
	return false
}
