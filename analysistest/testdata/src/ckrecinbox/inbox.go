// Package ckrecinbox is a GORM inbox whose Claim inserts the marker of the key
// its callers pass, unless it is there.
package ckrecinbox

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ErrDuplicate is returned when the key has already been claimed.
var ErrDuplicate = errors.New("inbox: duplicate event")

type ProcessedEvent struct {
	ID       uint
	EventID  string `gorm:"uniqueIndex"`
	Consumer string
}

type Inbox struct{ db *gorm.DB }

// Claim inserts the marker of eventID; ErrDuplicate when another delivery did.
func (i *Inbox) Claim(ctx context.Context, consumer, eventID string) error {
	res := i.db.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "event_id"}}, DoNothing: true}).
		Create(&ProcessedEvent{EventID: eventID, Consumer: consumer})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrDuplicate
	}
	return nil
}

// Touch upserts the marker: DoUpdates overwrites what is there, no claim.
func (i *Inbox) Touch(ctx context.Context, consumer, eventID string) error {
	return i.db.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "event_id"}}, DoUpdates: clause.AssignmentColumns([]string{"consumer"})}).
		Create(&ProcessedEvent{EventID: eventID, Consumer: consumer}).Error
}
