// Package hdr holds the header names shared by our senders and receivers.
package hdr

// Headers that our own outbound webhook sender and API clients set.
const (
	EventID        = "X-Event-Id"
	EventTimestamp = "X-Event-Ts"
	EventType      = "X-Event-Type"
	Signature      = "X-Webhook-Signature"
	WebhookID      = "X-Webhook-Id"
	DeliveryID     = "X-Delivery-ID" // spelled as in the partner spec
	RequestID      = "X-Request-Id"
	IdempotencyKey = "X-Idempotency-Key"

	// MessageID is what the legacy notification relay forwards.
	MessageID = "X_Message_Id"
)

// Provider headers (inbound).
const (
	GitHubDelivery  = "X-GitHub-Delivery"
	GitHubEvent     = "X-GitHub-Event"
	GitHubSignature = "X-Hub-Signature-256"

	ShopifyEventID   = "X-Shopify-Event-Id"
	ShopifyWebhookID = "X-Shopify-Webhook-Id"
	ShopifyHmac      = "X-Shopify-Hmac-Sha256"
	ShopifyTopic     = "X-Shopify-Topic"

	StdWebhookID        = "webhook-id"
	StdWebhookTimestamp = "webhook-timestamp"
	StdWebhookSignature = "webhook-signature"

	GitLabToken = "X-Gitlab-Token"
	GitLabEvent = "X-Gitlab-Event"
)
