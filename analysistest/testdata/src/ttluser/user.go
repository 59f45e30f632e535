// Package ttluser passes TTLs to the helpers of ttlstore.
package ttluser

import (
	"context"
	"time"

	"ttlstore"
)

type Handler struct {
	store *ttlstore.Store
	ttl   time.Duration
}

// positive: ten minutes through a helper in another package.
func (h *Handler) Handle(ctx context.Context, id string) bool {
	return h.store.MarkProcessed(ctx, id, 10*time.Minute) // want `dedup marker "processed:"\+id \(in MarkProcessed\) expires after 10m0s`
}

// negative twin: three days.
func (h *Handler) HandleLong(ctx context.Context, id string) bool {
	return h.store.MarkProcessed(ctx, id, 72*time.Hour)
}

// positive: a bare integer through the helper.
func (h *Handler) HandleSeconds(ctx context.Context, id string) bool {
	return h.store.MarkProcessed(ctx, id, 86400) // want `86400 as a time.Duration is 86.4µs; did you mean 86400\*time.Second\?`
}

// negative twin: the TTL is configuration.
func (h *Handler) HandleConfigured(ctx context.Context, id string) bool {
	return h.store.MarkProcessed(ctx, id, h.ttl)
}

// positive: a claim helper named so, through a second helper.
func (h *Handler) Claim(ctx context.Context, id string) bool {
	return h.store.Claim(ctx, "evt:"+id, time.Hour) // want `dedup marker "evt:"\+id \(in Claim\) expires after 1h0m0s`
}

// positive: two helper levels.
func (h *Handler) Seen(ctx context.Context, id string) bool {
	return ttlstore.Seen(ctx, h.store, id, 5*time.Minute) // want `dedup marker "processed:"\+id \(in Seen\) expires after 5m0s`
}

// negative: a lock helper with a short TTL.
func (h *Handler) Locked(ctx context.Context, id string) {
	h.store.Lock(ctx, "evt:"+id, 30*time.Second, func() {})
}

// negative: a cache helper with a short TTL.
func (h *Handler) Cache(ctx context.Context, id, v string) {
	h.store.Put(ctx, "user:"+id, v, time.Minute)
}

// positive: a claim helper that prefixes the caller's key with its own.
func (h *Handler) ClaimPrefixed(ctx context.Context, p *ttlstore.Prefixed, id string) (bool, error) {
	return p.ClaimFor(ctx, "email:"+id, 15*time.Minute) // want `dedup marker s.prefix\+key \(in ClaimFor\) expires after 15m0s`
}

// negative twin: two days.
func (h *Handler) ClaimPrefixedLong(ctx context.Context, p *ttlstore.Prefixed, id string) (bool, error) {
	return p.ClaimFor(ctx, "email:"+id, 48*time.Hour)
}

// negative twin: a cache helper with the same prefix and a short TTL.
func (h *Handler) CachePrefixed(ctx context.Context, p *ttlstore.Prefixed, id, v string) error {
	return p.PutFor(ctx, "user:"+id, v, time.Minute)
}
