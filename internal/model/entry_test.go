package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWebhookRoute(t *testing.T) {
	for _, p := range []string{"/webhooks/stripe", "POST /hooks/github", "/payments/callback", "/paypal/ipn",
		"/stripe-webhook", "/api/v1/events", "/notify/{id}", "PUT /webhook"} {
		assert.True(t, WebhookRoute(p), p)
	}
	for _, p := range []string{"/users", "POST /orders", "GET /webhooks/status", "/oauth/callback",
		"/auth/google/callback", "/events/stream", "/hookah", ""} {
		assert.False(t, WebhookRoute(p), p)
	}
}

func TestRepeats(t *testing.T) {
	assert.True(t, Repeats(Write, SQL, "INSERT"))
	assert.True(t, Repeats(Incr, Redis, "INCR"))
	assert.True(t, Repeats(Publish, Broker, "WriteMessages"))
	assert.False(t, Repeats(Write, Redis, "SET"))
	assert.False(t, Repeats(Write, SQL, "UPDATE"))
	assert.False(t, Repeats(Delete, SQL, "DELETE"))
	assert.False(t, Repeats(Claim, SQL, "INSERT"))
}

func TestReportsInValue(t *testing.T) {
	assert.True(t, ReportsInValue("SETNX", Redis))
	assert.True(t, ReportsInValue("INSERT", SQL))
	assert.False(t, ReportsInValue("SET NX", Redis), "SetArgs NX and redigo report a duplicate as redis.Nil")
	assert.False(t, ReportsInValue("Once", Other))
}

func TestEntryTable(t *testing.T) {
	for _, l := range builtinLibraries {
		for _, e := range l.Entries {
			assert.NotEmpty(t, e.Pkg, e.FullName())
			if e.Shape == Callback || e.Shape == Route || e.Shape == Middleware {
				assert.GreaterOrEqual(t, e.Handler, 0, e.FullName())
			}
			switch e.Shape {
			case Middleware, Group, Subrouter: // they only shape routes
			default:
				assert.NotEmpty(t, e.System, e.FullName())
			}
		}
		for _, r := range l.Rows {
			switch r.Store {
			case Broker, HTTP, Payment, Mail: // side effects: a publish, or classified by the request
				assert.True(t, r.Kind == Publish || r.Dispatch == HTTPRequest, r.FullName())
			}
		}
	}
	assert.True(t, KnowsEntryPackage("github.com/segmentio/kafka-go"))
	assert.False(t, KnowsEntryPackage("github.com/segmentio/kafka"))
}
