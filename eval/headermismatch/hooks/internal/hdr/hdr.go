// Package hdr holds the header names shared by the relay and the services
// that consume what it forwards. Keep this file in sync with the runbook.
package hdr

// HTTP headers set by relay/client on every forwarded delivery.
const (
	EventID   = "X-Event-Id"        // stable: the envelope id, identical on every retry
	RequestID = "X-Request-Id"      // per attempt, for log correlation only
	Attempt   = "X-Relay-Attempt"   // 1-based attempt counter
	Source    = "X-Relay-Source"    // which relay region forwarded it
	Signature = "X-Relay-Signature" // hex HMAC-SHA256 of the body

	// IdempotencyKey is what the ledger API expects from its callers.
	IdempotencyKey = "X-Idempotency-Key"

	TraceParent = "Traceparent"
)

// gRPC metadata keys (metadata keys are lower case on the wire).
const (
	MDEventID   = "x-event-id"
	MDRequestID = "x-request-id"
	MDSource    = "x-relay-source"
	MDAttempt   = "x-relay-attempt"
)
