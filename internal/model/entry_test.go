package model

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idemlint/idemlint/internal/sqlclass"
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
	for _, s := range []Store{SQL, Mongo, Dynamo} {
		assert.True(t, Repeats(Write, s, sqlclass.Insert), "an insert into %v", s)
		assert.False(t, Repeats(Claim, s, sqlclass.Insert), "a claim form (ON CONFLICT, attribute_not_exists) into %v", s)
		assert.False(t, Repeats(Write, s, sqlclass.Update), "an absolute update of %v", s)
	}
	assert.True(t, Repeats(Incr, Redis, sqlclass.Other))
	assert.True(t, Repeats(Publish, Broker, sqlclass.Other))
	assert.False(t, Repeats(Write, Redis, sqlclass.Other))
	assert.False(t, Repeats(Write, Redis, sqlclass.Insert), "only a record store inserts records")
	assert.False(t, Repeats(Delete, SQL, sqlclass.Delete))
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
