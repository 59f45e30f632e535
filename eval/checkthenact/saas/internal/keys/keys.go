// Package keys builds the Redis key names shared by every service.
package keys

import "fmt"

// Session is the key of a session blob.
func Session(id string) string { return "sess:" + id }

// Quota is the key of a tenant's usage counter for the current billing period.
func Quota(tenant, period string) string { return fmt.Sprintf("quota:%s:%s", tenant, period) }

// Processed is the dedup marker of a consumed message.
func Processed(msgID string) string { return "processed:" + msgID }

// Profile is the cache key of a rendered user profile.
func Profile(userID string) string { return "profile:v3:" + userID }

// Cart is the key of a shopping cart.
func Cart(userID string) string { return "cart:" + userID }
