// want package:"sends"
// Package hmprovider holds webhook handlers of known providers: the provider is
// the sender, and its documented headers are what a dedup can key on.
package hmprovider

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/google/go-github/v74/github"
	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82/webhook"
)

var rdb *redis.Client

func validHMAC(sig string, body []byte) bool { return sig != "" }

// claim is the dedup every handler uses.
func claim(ctx context.Context, key string) bool {
	ok, _ := rdb.SetNX(ctx, "hook:"+key, 1, 72*time.Hour).Result()
	return ok
}

func githubWrong(w http.ResponseWriter, r *http.Request) { // want githubWrong:"verifies GitHub"
	body, _ := io.ReadAll(r.Body)
	if !validHMAC(r.Header.Get("X-Hub-Signature-256"), body) {
		return
	}
	id := r.Header.Get("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key", which GitHub never sends: the key is always empty, so every delivery looks new; GitHub identifies a delivery by "X-GitHub-Delivery"`
	if !claim(r.Context(), id) {
		return
	}
}

func githubLib(w http.ResponseWriter, r *http.Request) { // want githubLib:"verifies GitHub"
	if _, err := github.ValidatePayload(r, []byte("secret")); err != nil {
		return
	}
	id := r.Header.Get("X-Request-Id") // want `"X-Request-Id", which GitHub never sends`
	if ok, _ := rdb.SetNX(r.Context(), "gh:"+id, 1, time.Hour).Result(); !ok {
		return
	}
}

func stripeHeader(w http.ResponseWriter, r *http.Request) { // want stripeHeader:"verifies Stripe"
	body, _ := io.ReadAll(r.Body)
	ev, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), "whsec")
	if err != nil {
		return
	}
	key := r.Header.Get("Idempotency-Key") // want `dedup key comes from header "Idempotency-Key", but Stripe puts the event id in the body \(it sends only "Stripe-Signature"\): every retry looks new; dedup on the Event's id \(event.ID\)`
	if !claim(r.Context(), key) {
		return
	}
	_ = ev
}

func gitlabWrong(w http.ResponseWriter, r *http.Request) { // want gitlabWrong:"verifies GitLab"
	if r.Header.Get("X-Gitlab-Token") != "secret" {
		return
	}
	key := r.Header.Get("X-Request-Id") // want `"X-Request-Id", which GitLab never sends: .*GitLab identifies a delivery by "Idempotency-Key"`
	claim(r.Context(), key)
}

func shopifyWrong(w http.ResponseWriter, r *http.Request) { // want shopifyWrong:"verifies Shopify"
	if r.Header.Get("X-Shopify-Hmac-Sha256") == "" {
		return
	}
	claim(r.Context(), r.Header.Get("X-Event-Id")) // want `"X-Event-Id", which Shopify never sends: .*"X-Shopify-Event-Id"`
}

func slackRetryNum(w http.ResponseWriter, r *http.Request) { // want slackRetryNum:"verifies Slack"
	if r.Header.Get("X-Slack-Signature") == "" {
		return
	}
	claim(r.Context(), r.Header.Get("X-Slack-Request-Timestamp")) // want `but Slack puts the event id in the body .*dedup on the payload's event_id`
}

// Not reported: each provider's own delivery header, the body's event id, a
// header read only for logging, headers in the provider's own namespace.

func githubOK(w http.ResponseWriter, r *http.Request) { // want githubOK:"verifies GitHub"
	if r.Header.Get("X-GitHub-Event") != "push" {
		return
	}
	claim(r.Context(), r.Header.Get("X-GitHub-Delivery"))
}

func githubDeliveryID(w http.ResponseWriter, r *http.Request) { // want githubDeliveryID:"verifies GitHub"
	claim(r.Context(), github.DeliveryID(r))
}

func stripeOK(w http.ResponseWriter, r *http.Request) { // want stripeOK:"verifies Stripe"
	body, _ := io.ReadAll(r.Body)
	ev, err := webhook.ConstructEvent(body, r.Header.Get("Stripe-Signature"), "whsec")
	if err != nil {
		return
	}
	println(r.Header.Get("X-Request-Id"))
	claim(r.Context(), ev.ID)
}

func gitlabOK(w http.ResponseWriter, r *http.Request) { // want gitlabOK:"verifies GitLab"
	if r.Header.Get("X-Gitlab-Event") == "" {
		return
	}
	claim(r.Context(), r.Header.Get("Idempotency-Key"))
}

func shopifyOK(w http.ResponseWriter, r *http.Request) { // want shopifyOK:"verifies Shopify"
	if r.Header.Get("X-Shopify-Hmac-Sha256") == "" {
		return
	}
	claim(r.Context(), r.Header.Get("X-Shopify-Webhook-Id"))
	claim(r.Context(), r.Header.Get("X-Shopify-Event-Id"))
}

func svixOK(w http.ResponseWriter, r *http.Request) { // want svixOK:"verifies Svix"
	if r.Header.Get("svix-signature") == "" {
		return
	}
	claim(r.Context(), r.Header.Get("svix-id"))
}

func standardOK(w http.ResponseWriter, r *http.Request) { // want standardOK:"verifies Standard Webhooks"
	if r.Header.Get("webhook-signature") == "" {
		return
	}
	claim(r.Context(), r.Header.Get("webhook-id"))
}

func zendeskOK(w http.ResponseWriter, r *http.Request) { // want zendeskOK:"verifies Zendesk"
	claim(r.Context(), r.Header.Get("X-Zendesk-Webhook-Invocation-Id"))
}

func contentfulOK(w http.ResponseWriter, r *http.Request) { // want contentfulOK:"verifies Contentful"
	claim(r.Context(), r.Header.Get("X-Contentful-Idempotency-Key"))
}
