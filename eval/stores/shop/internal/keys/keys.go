// Package keys builds the Redis keys shared by the services.
package keys

import "fmt"

// Processed is the marker key of an event that has been handled.
func Processed(consumer, eventID string) string {
	return fmt.Sprintf("processed:%s:%s", consumer, eventID)
}

// Balance is the key of a customer's store-credit balance.
func Balance(customerID string) string {
	return "credit:balance:" + customerID
}

// Product is the cache key of a product document.
func Product(sku string) string {
	return "cache:product:" + sku
}

// Lock is the key of a short-lived mutual-exclusion lock.
func Lock(name string) string {
	return "lock:" + name
}
