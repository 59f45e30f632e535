// want package:"sends"
// Package hmconsts declares the header names shared by a client and a server that
// do not import each other.
package hmconsts

const (
	IdempotencyKeyHeader = "X-Idempotency-Key"
	EventIDHeader        = "X-Event-Id"
	ContentType          = "Content-Type"
)
