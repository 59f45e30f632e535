package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDomainWords(t *testing.T) {
	for _, c := range []struct {
		name string
		fn   func(string) bool
		yes  []string
		no   []string
	}{
		{"NamesDedupKey", NamesDedupKey, []string{"idem:", "processed:", "evt:", "webhook:"}, []string{"user:", "product:", "rates:"}},
		{"NamesLock", NamesLock, []string{"lock:", "mutex:order:"}, []string{"evt:", "cache:"}},
		{"DedupTable", DedupTable, []string{"processed_events.event_id", "orders.idempotency_key", "inbox.message_id"},
			[]string{"event_log.event_id", "audit_events.id", "users.id"}},
		{"NamesAttempt", NamesAttempt, []string{"attempt", "nRetries", "try"}, []string{"tryLock", "entry", "count"}},
		{"PerRequestHeaderName", PerRequestHeaderName, []string{"api-request-id", "upstream-trace-id", "req-id"}, []string{"event-id", "idempotency-key", "request"}},
		{"IdempotencyHeaderName", IdempotencyHeaderName, []string{"shop-idempotency", "gitea-delivery", "event-uuid", "hook-message-id", "dedupe"},
			[]string{"delivery-attempt", "event-type", "webhook-signature", "message", "api-key"}},
		{"NamesDuplicate", NamesDuplicate, []string{"isUniqueViolation", "ErrDuplicateKey", "IsAlreadyExists"}, []string{"isNotFound", "ErrConflictingState"}},
	} {
		for _, s := range c.yes {
			assert.True(t, c.fn(s), "%s(%q)", c.name, s)
		}
		for _, s := range c.no {
			assert.False(t, c.fn(s), "%s(%q)", c.name, s)
		}
	}
}

func TestObservability(t *testing.T) {
	for _, c := range []struct {
		path, name string
		want       bool
	}{
		{"go.uber.org/zap", "Sugar", true},
		{"log/slog", "New", true},
		{"github.com/prometheus/client_golang/prometheus", "MustRegister", true},
		{"go.opentelemetry.io/otel/trace", "Start", true},
		{"example.com/app/internal/metrics", "Hit", true},
		{"github.com/DataDog/datadog-go/statsd", "Gauge", true},
		{"example.com/app/store", "Infof", true},
		{"example.com/app/store", "Println", true},
		{"example.com/app/store", "logCtx", true},
		{"example.com/app/store", "Inc", true},
		{"example.com/app/catalog", "Reserve", false}, // "log" inside a word is not logging
		{"example.com/app/blog", "Publish", false},
		{"example.com/app/store", "IncrStock", false},
		{"example.com/app/store", "RecordPayment", false},
		{"example.com/app/store", "Errors", false},
	} {
		assert.Equal(t, c.want, Observability(c.path, c.name), "%s.%s", c.path, c.name)
	}
}
