// Package keys builds idempotency keys for the other packages.
package keys

import "time"

// ChargeKey is coarse on its own: reported here, not at its callers.
func ChargeKey(customerID string) string {
	return "charge:" + customerID + ":" + time.Now().UTC().Format(time.DateOnly) // want coarsekey
}

// Day is a part, not a key.
func Day() string { return time.Now().UTC().Format("20060102") }
