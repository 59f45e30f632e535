// Package keys centralises the Redis key layout so every service agrees on it.
package keys

import "fmt"

const (
	// Prefix for processed-event markers.
	EventPrefix = "evt:processed:"
	// Prefix for cached HTTP responses keyed by Idempotency-Key.
	IdemRespPrefix = "idem:resp:"
	// Prefix for user profile cache entries.
	ProfilePrefix = "cache:profile:"
	// Hash holding per-tenant usage counters.
	UsageHash = "usage:tenants"
)

// Event returns the dedup key for an event id.
func Event(id string) string { return EventPrefix + id }

// IdemResp returns the cache key for the stored response of an idempotent request.
func IdemResp(tenant, idemKey string) string {
	return fmt.Sprintf("idem:resp:%s:%s", tenant, idemKey)
}

// Profile is the cache key for a user profile.
func Profile(userID int64) string { return fmt.Sprintf("%s%d", ProfilePrefix, userID) }

// Balance is the key for a wallet balance kept in Redis.
func Balance(walletID string) string { return "wallet:balance:" + walletID }

// Lock is the name of a distributed lock for a resource.
func Lock(resource string) string { return "lock:" + resource }
