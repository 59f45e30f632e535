package headers

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsIdempotency(t *testing.T) {
	for _, name := range []string{
		"Idempotency-Key", "idempotency-key", "X-Idempotency-Key", "Idempotency-Token", "Idempotency_Key",
		"X-Event-Id", "X-Event-ID", "X-Message-Id", "X-Delivery-Id", "X-Request-Id", "X-GitHub-Delivery",
		"X-Shopify-Event-Id", "svix-id", "webhook-id", "X-Zendesk-Webhook-Invocation-Id", "X-Acme-EventId",
		"X-Dedup-Key", "Stripe-Signature", "X-Gitlab-Event-UUID",
	} {
		assert.True(t, builtin.IsIdempotency(name), name)
	}
	for _, name := range []string{
		"Content-Type", "Authorization", "X-Api-Key", "X-User-Id", "X-Tenant-Id", "X-Event-Type",
		"X-Delivery-Attempt", "", "X Event Id",
	} {
		assert.False(t, builtin.IsIdempotency(name), name)
	}
}

// builtin is a vocabulary without configuration.
var builtin *Names

func TestNewNames(t *testing.T) {
	assert.False(t, builtin.IsIdempotency("X-Acme-Ref"))
	names := NewNames(" X-Acme-Ref ", "")
	assert.True(t, names.IsIdempotency("x-acme-ref"))
	assert.False(t, NewNames().IsIdempotency("X-Acme-Ref"), "one run's names are not another's")
}

func TestIsPerRequest(t *testing.T) {
	for _, name := range []string{"X-Request-Id", "x-request-id", "Request-Id", "X-Correlation-Id", "traceparent", "X-Amzn-Trace-Id"} {
		assert.True(t, IsPerRequest(name), name)
	}
	for _, name := range []string{"Idempotency-Key", "X-Event-Id", "X-GitHub-Delivery"} {
		assert.False(t, IsPerRequest(name), name)
	}
}

func TestNearMiss(t *testing.T) {
	near := [][2]string{
		{"Idempotency-Key", "X-Idempotency-Key"},
		{"X-Idempotency-Key", "Idempotency-Key"},
		{"Idempotency_Key", "Idempotency-Key"},
		{"X-Event-Ids", "X-Event-Id"},
		{"X-Idempotancy-Key", "X-Idempotency-Key"},
		{"Idempotent-Key", "Idempotency-Key"},
		{"X-Delivery-Id", "X-Delivery-Uuid"},
		{"Event-Id", "X-Event-Id"},
	}
	for _, p := range near {
		assert.True(t, builtin.NearMiss(p[0], p[1]), "%s vs %s", p[0], p[1])
	}
	far := [][2]string{
		{"Idempotency-Key", "idempotency-key"}, // the same header
		{"Idempotency-Key", "X-Event-Id"},
		{"Idempotency-Token", "X-Idempotency-Key"},
		{"X-Request-Id", "X-Event-Id"},
		{"X-Event-Id", "X-Event-Ts"},
		{"X-User-Id", "X-Users-Ids"},
		{"X-Trace-Id", "X-Event-Id"},
	}
	for _, p := range far {
		assert.False(t, builtin.NearMiss(p[0], p[1]), "%s vs %s", p[0], p[1])
	}
}

func TestCanonical(t *testing.T) {
	assert.Equal(t, "Idempotency-Key", Canonical("idempotency-key"))
	assert.Equal(t, "X-Github-Delivery", Canonical("X-GitHub-Delivery"))
	assert.True(t, Same("X-GitHub-Delivery", "x-github-delivery"))
}

func TestProviders(t *testing.T) {
	byName := map[string]*Provider{}
	for _, p := range Providers {
		assert.NotContains(t, byName, p.Name)
		byName[p.Name] = p
		assert.NotEmpty(t, p.Sends, p.Name)
		assert.True(t, (p.Dedup == "") != (p.BodyID == ""), "%s: exactly one of Dedup and BodyID", p.Name)
		if p.Dedup != "" {
			assert.True(t, p.Owns(p.Dedup), "%s owns its dedup header", p.Name)
		}
	}
	gh, gl, stripe := byName["GitHub"], byName["GitLab"], byName["Stripe"]
	assert.True(t, gh.Marks("x-hub-signature-256"))
	assert.True(t, gh.Owns("X-GitHub-Hook-Installation-Target-ID")) // its namespace
	assert.False(t, gh.Owns("Idempotency-Key"))
	assert.True(t, gl.Owns("Idempotency-Key"))
	assert.False(t, gl.Marks("Idempotency-Key"), "a generic header does not identify GitLab")
	assert.True(t, gl.Marks("X-Gitlab-Token"))
	assert.Equal(t, stripe, VerifiedBy("github.com/stripe/stripe-go/v82/webhook.ConstructEvent"))
	assert.Equal(t, gh, VerifiedBy("github.com/google/go-github/v74/github.ValidatePayload"))
	assert.Equal(t, byName["Svix"], VerifiedBy("(*github.com/svix/svix-webhooks/go.Webhook).Verify"))
	assert.Equal(t, byName["Slack"], VerifiedBy("github.com/slack-go/slack.NewSecretsVerifier"))
	assert.Nil(t, VerifiedBy("github.com/acme/webhook.ConstructEvent"))
	assert.Equal(t, gh, ProviderSending("X-GitHub-Delivery"))
	assert.Nil(t, ProviderSending("X-Event-Id"))
}

func TestDistance(t *testing.T) {
	assert.Equal(t, 0, distance("abc", "abc"))
	assert.Equal(t, 1, distance("abc", "abd"))
	assert.Equal(t, 2, distance("idempotency-key", "idempotent-key"))
	assert.Equal(t, 3, distance("", "abc"))
}

func TestWellKnown(t *testing.T) {
	for _, name := range []string{"Idempotency-Key", "idempotency-key", "X-GitHub-Delivery", "svix-id", "webhook-id", "X-Shopify-Anything"} {
		assert.True(t, WellKnown(name), name)
	}
	for _, name := range []string{"X-Idempotency-Key", "Idempotency_Key", "Event-Id", "X-Event-Id", "X-Webhook-Id"} {
		assert.False(t, WellKnown(name), name)
	}
}
