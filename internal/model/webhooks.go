package model

// Webhook providers: the headers each documented provider sends, the one that
// identifies a delivery across retries, and its verification functions.

import (
	"regexp"
	"strings"
)

// Provider is a webhook sender whose headers are documented: a handler that is
// recognisably its webhook must take its dedup key from a header it sends (or,
// when it puts the event id in the body, from the body).
type Provider struct {
	Name string
	// Sends are the headers the provider sets on every delivery.
	Sends []string
	// Prefixes mark headers of the provider's own namespace: reading one makes a
	// handler the provider's webhook, and one we do not list may still be real.
	Prefixes []string
	// Markers are further headers (outside Prefixes) that identify the provider.
	Markers []string
	// Dedup is the header that identifies a delivery across retries; "" when the
	// id is only in the body.
	Dedup string
	// BodyID names the body field that carries the event id, when Dedup is "".
	BodyID string
	// Verify are the provider's verification functions, as
	// "import/path/without/major/version.Func" or "(import/path.Type).Method".
	Verify []string
}

// Providers is the table of known webhook providers. Each row says where its
// headers are documented; a provider whose headers could not be verified there is
// left out (Twilio: only X-Twilio-Signature is documented in what we could read;
// its I-Twilio-Idempotency-Token is not, so no row).
var Providers = []*Provider{
	{
		// https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers
		// (github/docs content/webhooks/webhook-events-and-payloads.md): X-GitHub-Hook-ID,
		// X-GitHub-Event, X-GitHub-Delivery ("a globally unique identifier (GUID) to
		// identify the event", reused by a requested redelivery), X-GitHub-Enterprise-*,
		// X-Hub-Signature(-256). go-github v74 github/messages.go: ValidatePayload,
		// ValidateSignature, WebHookType, DeliveryID.
		Name:     "GitHub",
		Sends:    []string{"X-GitHub-Delivery", "X-GitHub-Event", "X-GitHub-Hook-ID", "X-GitHub-Enterprise-Version", "X-GitHub-Enterprise-Host", "X-Hub-Signature", "X-Hub-Signature-256"},
		Prefixes: []string{"X-GitHub-", "X-Hub-Signature"},
		Dedup:    "X-GitHub-Delivery",
		Verify: []string{"github.com/google/go-github/github.ValidatePayload", "github.com/google/go-github/github.ValidatePayloadFromBody",
			"github.com/google/go-github/github.ValidateSignature", "github.com/google/go-github/github.WebHookType", "github.com/google/go-github/github.DeliveryID"},
	},
	{
		// GitLab webhooks: Idempotency-Key, the same on every retry of one event
		// (gitlab-org/gitlab MR 160952, issue 388692, docs "Delivery headers");
		// X-Gitlab-Event, X-Gitlab-Instance, X-Gitlab-Webhook-UUID (gitlabhq
		// lib/gitlab/web_hooks.rb), X-Gitlab-Event-UUID (web_hooks/recursion_detection/uuid.rb),
		// X-Gitlab-Token (docs "Secret token").
		Name:     "GitLab",
		Sends:    []string{"Idempotency-Key", "X-Gitlab-Event", "X-Gitlab-Event-UUID", "X-Gitlab-Webhook-UUID", "X-Gitlab-Instance", "X-Gitlab-Token"},
		Prefixes: []string{"X-Gitlab-"},
		Dedup:    "Idempotency-Key",
	},
	{
		// https://shopify.dev/docs/apps/build/webhooks/ignore-duplicates: dedup on
		// X-Shopify-Event-Id; X-Shopify-Webhook-Id, X-Shopify-Hmac-Sha256, X-Shopify-Topic,
		// X-Shopify-Shop-Domain (shopify.dev webhooks docs); Shopify-* for the Events
		// product (shopify.dev/docs/apps/build/events/verify-deliveries).
		Name:     "Shopify",
		Sends:    []string{"X-Shopify-Event-Id", "X-Shopify-Webhook-Id", "X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Shop-Domain"},
		Prefixes: []string{"X-Shopify-", "Shopify-"},
		Dedup:    "X-Shopify-Event-Id",
	},
	{
		// https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md:
		// webhook-id (the same on every retry), webhook-timestamp, webhook-signature.
		Name:    "Standard Webhooks",
		Sends:   []string{"Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"},
		Markers: []string{"Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"},
		Dedup:   "Webhook-Id",
	},
	{
		// https://docs.svix.com/receiving/verifying-payloads/how-manual: svix-id ("the
		// same when the same webhook is being resent"), svix-timestamp, svix-signature;
		// white-labeled as webhook-*. svix-webhooks go/webhook.go: (*Webhook).Verify.
		Name:     "Svix",
		Sends:    []string{"Svix-Id", "Svix-Timestamp", "Svix-Signature", "Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"},
		Prefixes: []string{"Svix-"},
		Dedup:    "Svix-Id",
		Verify:   []string{"(github.com/svix/svix-webhooks/go.Webhook).Verify", "(github.com/svix/svix-webhooks/go.Webhook).VerifyIgnoringTimestamp"},
	},
	{
		// https://docs.stripe.com/webhooks (signatures): Stripe-Signature only; the
		// event id is the Event's id in the body. stripe-go v82 webhook/client.go.
		Name:     "Stripe",
		Sends:    []string{"Stripe-Signature"},
		Prefixes: []string{"Stripe-"},
		BodyID:   "the Event's id (event.ID)",
		Verify: []string{"github.com/stripe/stripe-go/webhook.ConstructEvent", "github.com/stripe/stripe-go/webhook.ConstructEventWithOptions",
			"github.com/stripe/stripe-go/webhook.ConstructEventWithTolerance", "github.com/stripe/stripe-go/webhook.ConstructEventIgnoringTolerance",
			"github.com/stripe/stripe-go/webhook.ValidatePayload", "github.com/stripe/stripe-go/webhook.ValidatePayloadWithTolerance",
			"github.com/stripe/stripe-go/webhook.ValidatePayloadIgnoringTolerance"},
	},
	{
		// Slack Events API (api.slack.com/apis/events-api, request signing):
		// X-Slack-Signature, X-Slack-Request-Timestamp; retries carry X-Slack-Retry-Num
		// and X-Slack-Retry-Reason; the event id is event_id in the body.
		// slack-go security.go: NewSecretsVerifier.
		Name:     "Slack",
		Sends:    []string{"X-Slack-Signature", "X-Slack-Request-Timestamp", "X-Slack-Retry-Num", "X-Slack-Retry-Reason"},
		Prefixes: []string{"X-Slack-"},
		BodyID:   "the payload's event_id",
		Verify:   []string{"github.com/slack-go/slack.NewSecretsVerifier"},
	},
	{
		// https://developer.squareup.com/docs/webhooks/step2subscribe: x-square-hmacsha256-signature,
		// square-environment; .../webhooks/what-it-does: the idempotency value is the
		// event_id field in the body.
		Name:     "Square",
		Sends:    []string{"X-Square-Hmacsha256-Signature", "X-Square-Signature", "Square-Environment"},
		Prefixes: []string{"X-Square-", "Square-"},
		BodyID:   "the notification's event_id",
	},
	{
		// https://developer.zendesk.com/documentation/webhooks/anatomy-of-a-webhook-request/:
		// x-zendesk-account-id, x-zendesk-webhook-id, x-zendesk-webhook-invocation-id,
		// x-zendesk-webhook-signature, x-zendesk-webhook-signature-timestamp.
		Name: "Zendesk",
		Sends: []string{"X-Zendesk-Account-Id", "X-Zendesk-Webhook-Id", "X-Zendesk-Webhook-Invocation-Id",
			"X-Zendesk-Webhook-Signature", "X-Zendesk-Webhook-Signature-Timestamp"},
		Prefixes: []string{"X-Zendesk-"},
		Dedup:    "X-Zendesk-Webhook-Invocation-Id",
	},
	{
		// https://www.contentful.com/developers/changelog/idempotency-key-headers-for-webhook-requests/:
		// X-Contentful-Idempotency-Key, unique per fired webhook.
		Name:     "Contentful",
		Sends:    []string{"X-Contentful-Idempotency-Key"},
		Prefixes: []string{"X-Contentful-"},
		Dedup:    "X-Contentful-Idempotency-Key",
	},
}

// signatureOnly are providers of which only the signature header is documented in
// what we could read: reading it makes a handler the provider's webhook, but they
// are not in Providers, so nothing is concluded from a header they are not known
// to send (headermismatch).
var signatureOnly = []*Provider{
	{
		// https://www.twilio.com/docs/usage/webhooks/webhooks-faq: "Twilio will send an
		// X-Twilio-Signature HTTP Header with all webhooks" (HMAC-SHA1 of the URL and
		// the POST parameters, https://www.twilio.com/docs/usage/security).
		Name:    "Twilio",
		Sends:   []string{"X-Twilio-Signature"},
		Markers: []string{"X-Twilio-Signature"},
	},
}

// WebhookMarkedBy returns the provider whose webhook a handler that reads header
// name handles, or nil: a header of a known provider's own (Marks), or the
// signature of a provider known only by it.
func WebhookMarkedBy(name string) *Provider {
	for _, list := range [][]*Provider{Providers, signatureOnly} {
		for _, p := range list {
			if p.Marks(name) {
				return p
			}
		}
	}
	return nil
}

// Marks reports whether reading name makes a handler p's webhook: a header of its
// own namespace, or one of its distinctive headers. A generic header it also sends
// (GitLab's Idempotency-Key) does not.
func (p *Provider) Marks(name string) bool {
	return p.prefixed(name) || containsHeader(p.Markers, name)
}

// Owns reports whether name is in p's header namespace or sent by p.
func (p *Provider) Owns(name string) bool {
	return p.prefixed(name) || containsHeader(p.Sends, name)
}

func (p *Provider) prefixed(name string) bool {
	for _, pre := range p.Prefixes {
		if len(name) >= len(pre) && strings.EqualFold(name[:len(pre)], pre) {
			return true
		}
	}
	return false
}

// ProviderSending returns the first provider that sends name, or nil.
func ProviderSending(name string) *Provider {
	for _, p := range Providers {
		if containsHeader(p.Sends, name) {
			return p
		}
	}
	return nil
}

// VerifiedBy returns the provider whose verification function fullName is, or nil.
// fullName is a types.Func full name; a major-version element (/v82) is ignored.
func VerifiedBy(fullName string) *Provider {
	name := fullName
	if strings.Contains(name, "/v") {
		name = majorVersion.ReplaceAllString(name, "$1")
	}
	return verifiers[name]
}

// verifiers indexes the providers by their verification functions, as written and
// on a pointer receiver: VerifiedBy runs for every call of a webhook handler.
var verifiers = func() map[string]*Provider {
	m := map[string]*Provider{}
	add := func(name string, p *Provider) {
		if _, ok := m[name]; !ok {
			m[name] = p // the first provider listed wins
		}
	}
	for _, p := range Providers {
		for _, v := range p.Verify {
			add(v, p)
			add("(*"+strings.TrimPrefix(v, "("), p)
		}
	}
	return m
}()

var majorVersion = regexp.MustCompile(`/v[0-9]+([/.])`)

func containsHeader(list []string, name string) bool {
	for _, s := range list {
		if sameHeader(s, name) {
			return true
		}
	}
	return false
}

// StandardIdempotencyHeader is the IETF's idempotency header: "The Idempotency-Key HTTP Header
// Field", draft-ietf-httpapi-idempotency-key-header (HTTPAPI working group,
// https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/).
const StandardIdempotencyHeader = "Idempotency-Key"

// WellKnown reports whether name is a header that senders outside the module set
// on their own: the IETF's Idempotency-Key, or a known provider's header (or one
// of its namespace). A module's own spelling of a similar name (a constant
// X-Idempotency-Key) does not make a read of one of these a mistake.
func WellKnown(name string) bool {
	if sameHeader(name, StandardIdempotencyHeader) {
		return true
	}
	for _, p := range Providers {
		if p.Owns(name) {
			return true
		}
	}
	return false
}

// sameHeader reports whether two header names are the same header: names are
// case-insensitive.
func sameHeader(a, b string) bool { return strings.EqualFold(a, b) }
