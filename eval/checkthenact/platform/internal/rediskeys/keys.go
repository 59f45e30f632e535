// Package rediskeys centralises the key layout used by every service of the platform.
package rediskeys

import "fmt"

// Event is the dedup marker of a provider event.
func Event(provider, id string) string { return fmt.Sprintf("evt:%s:%s", provider, id) }

// Idempotency is the cached response of an API call made with an Idempotency-Key.
func Idempotency(scope, key string) string { return "idem:" + scope + ":" + key }

// Profile is the cached JSON of a user profile.
func Profile(userID string) string { return "profile:" + userID }

// Flag is the cached value of a feature flag.
func Flag(name string) string { return "flag:" + name }

// Job is the completion marker of a background job.
func Job(id string) string { return "job:done:" + id }
