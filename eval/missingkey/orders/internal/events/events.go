// Package events holds the payloads published on the order bus.
package events

import (
	"encoding/json"
	"fmt"
	"time"
)

// Envelope wraps every event we publish; ID is unique per logical event.
type Envelope struct {
	ID         string          `json:"id"`
	Type       string          `json:"type"`
	OccurredAt time.Time       `json:"occurred_at"`
	Data       json.RawMessage `json:"data"`
}

type Item struct {
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}

type OrderPlaced struct {
	OrderID     string `json:"order_id"`
	CustomerID  string `json:"customer_id"`
	AmountCents int64  `json:"amount_cents"`
	Currency    string `json:"currency"`
	Items       []Item `json:"items"`
}

type PaymentCaptured struct {
	PaymentID   string `json:"payment_id"`
	OrderID     string `json:"order_id"`
	AccountID   string `json:"account_id"`
	AmountCents int64  `json:"amount_cents"`
	Provider    string `json:"provider"`
}

type ShipmentUpdate struct {
	ShipmentID string `json:"shipment_id"`
	OrderID    string `json:"order_id"`
	Status     string `json:"status"`
	Carrier    string `json:"carrier"`
	Email      string `json:"email"`
}

type RefundRequested struct {
	RefundID    string `json:"refund_id"`
	OrderID     string `json:"order_id"`
	ChargeID    string `json:"charge_id"`
	AmountCents int64  `json:"amount_cents"`
	Reason      string `json:"reason"`
}

type StockMoved struct {
	MoveID    string `json:"move_id"`
	SKU       string `json:"sku"`
	Warehouse string `json:"warehouse"`
	Delta     int    `json:"delta"`
}

type Payout struct {
	PayoutID    string `json:"payout_id"`
	Destination string `json:"destination"`
	AmountCents int64  `json:"amount_cents"`
	Currency    string `json:"currency"`
}

// Decode unmarshals an envelope and its payload.
func Decode[T any](b []byte) (Envelope, T, error) {
	var env Envelope
	var v T
	if err := json.Unmarshal(b, &env); err != nil {
		return env, v, fmt.Errorf("decode envelope: %w", err)
	}
	if err := json.Unmarshal(env.Data, &v); err != nil {
		return env, v, fmt.Errorf("decode %s payload: %w", env.Type, err)
	}
	return env, v, nil
}
