package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestGormNaming: tables and columns are named the way GORM's default
// NamingStrategy names them, so a chain and raw SQL on one table meet.
func TestGormNaming(t *testing.T) {
	for in, want := range map[string]string{
		"EventID": "event_id", "ID": "id", "UserID": "user_id", "CreatedAt": "created_at",
		"HTTPStatus": "http_status", "OrderRef": "order_ref", "Amount2": "amount2", "ProcessedEvent": "processed_event",
	} {
		assert.Equal(t, want, gormDBName(in), in)
	}
	for in, want := range map[string]string{
		"processed_event": "processed_events", "category": "categories", "status": "statuses",
		"box": "boxes", "day": "days", "batch": "batches",
	} {
		assert.Equal(t, want, plural(in), in)
	}
}
