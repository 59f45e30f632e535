// Package models holds the relational (GORM) models of the shop.
package models

import "time"

// ProcessedEvent is one row of the consumers' inbox.
type ProcessedEvent struct {
	ID          uint   `gorm:"primaryKey"`
	EventID     string `gorm:"uniqueIndex;size:64"`
	Consumer    string `gorm:"size:32"`
	ProcessedAt time.Time
}

// Account is a customer's store-credit account.
type Account struct {
	ID         uint   `gorm:"primaryKey"`
	CustomerID string `gorm:"uniqueIndex"`
	Balance    int64
	Version    int64
	UpdatedAt  time.Time
}

// Order is a placed order.
type Order struct {
	ID        uint   `gorm:"primaryKey"`
	OrderRef  string `gorm:"column:order_ref;uniqueIndex"`
	Customer  string
	Status    string
	Total     int64
	PaidAt    *time.Time
	CreatedAt time.Time
}

// Payment is a captured payment of an order.
type Payment struct {
	ID             uint `gorm:"primaryKey"`
	OrderRef       string
	IdempotencyKey string `gorm:"uniqueIndex"`
	Amount         int64
	ProviderRef    string
	CreatedAt      time.Time
}

// Redemption records the use of a coupon by a customer.
type Redemption struct {
	ID         uint `gorm:"primaryKey"`
	CouponCode string
	CustomerID string
	OrderRef   string
	CreatedAt  time.Time
}

// Customer mirrors a customer of the identity provider.
type Customer struct {
	ID         uint   `gorm:"primaryKey"`
	ExternalID string `gorm:"uniqueIndex"`
	Email      string
	CreatedAt  time.Time
}

// Subscription is a newsletter or plan subscription.
type Subscription struct {
	ID         uint `gorm:"primaryKey"`
	CustomerID string
	PlanID     string
	Active     bool
	CreatedAt  time.Time
}

// StockLevel is the warehouse stock of a SKU (table stock_levels).
type StockLevel struct {
	SKU       string `gorm:"primaryKey;column:sku"`
	Qty       int64
	Reserved  int64
	UpdatedAt time.Time
}

// Refund is a refund issued for an order.
type Refund struct {
	ID        uint `gorm:"primaryKey"`
	OrderRef  string
	Amount    int64
	Reason    string
	CreatedAt time.Time
}
