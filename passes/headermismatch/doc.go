// Package headermismatch defines an Analyzer that reports a receiver reading an
// idempotency or event-id header that its sender cannot have sent: the read yields
// "" on every delivery, so a dedup keyed on it never fires.
package headermismatch

// Doc is the analyzer's documentation: its first line is the summary, the rest
// shows the mistake; the README section #headermismatch says the same at more length.
const Doc = `report idempotency headers that a receiver reads but its sender cannot have sent

The provider sends X-Event-Id; the handler dedups on a header it never sets:

	key := r.Header.Get("Idempotency-Key") // always "": every delivery looks new
	ok, _ := rdb.SetNX(ctx, "evt:"+key, 1, 24*time.Hour).Result()

Reported, for idempotency and event-id headers only:
  - an http.Header index that is not canonical (r.Header["idempotency-key"]), or a
    metadata.MD index with upper case: the lookup never matches;
  - an underscore in the name (Idempotency_Key): nginx and other proxies drop it;
  - a near miss of a header the module's own senders set (X-Idempotency-Key sent,
    Idempotency-Key read), across packages through facts, or of a
    -headermismatch.sent name;
  - a near miss of a header-name constant that a shared package of the module only
    declares, when the value is a dedup key and the name read is neither the IETF
    Idempotency-Key nor a known provider's header;
  - a dedup key (a value that reaches a claim, a check or a dedup store) taken from
    a header no visible sender sets while they set another, or from a per-request
    id (X-Request-Id) while they set a stable one: it changes on every retry;
  - a handler that verifies a known provider (GitHub, GitLab, Shopify, Stripe,
    Slack, Square, Svix, Standard Webhooks, Zendesk, Contentful) but dedups on a
    header that provider never sends.

Helpers that read a header named by a parameter, and middleware factories whose
closure does, are checked where they are called. The advice names a sent header
that identifies the event across retries, never one visibly built per attempt.

Not reported: Header.Get with any casing, canonical indexes, exact matches, a
provider's real headers, headers read only for logging, X-Request-Id with no
visible sender of another header, other headers.

Flags: -headermismatch.sent=NAME,... declares headers that senders outside the
module set; -headermismatch.names=NAME,... adds idempotency header names.`
