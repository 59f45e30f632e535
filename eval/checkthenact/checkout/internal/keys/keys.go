// Package keys builds Redis keys for the checkout services.
package keys

import (
	"fmt"
	"strings"
)

// Cart returns the hash key of a user's cart.
func Cart(tenant, user string) string { return fmt.Sprintf("cart:%s:%s", tenant, user) }

// Coupon returns the set of users that redeemed a coupon.
func Coupon(tenant, code string) string {
	return strings.Join([]string{"coupon", tenant, code, "redeemed"}, ":")
}

// Lock returns a lock key for a resource.
func Lock(parts ...string) string { return "lock:" + strings.Join(parts, ":") }

// NotifKey identifies one notification of one order to one user.
type NotifKey struct {
	Tenant  string
	OrderID string
	Channel string
}

// String is a value-receiver method building the Redis key.
func (k NotifKey) String() string {
	return fmt.Sprintf("notif:sent:%s:%s:%s", k.Tenant, k.OrderID, k.Channel)
}

// Product is a cache key for a catalog entry.
func Product(id int64) string { return fmt.Sprintf("product:%d", id) }
