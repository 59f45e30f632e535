// Package repo keeps processed events with GORM in a package of its own: its
// methods' effects reach callers through facts.
package repo

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type ProcessedEvent struct {
	ID      uint
	EventID string `gorm:"uniqueIndex"`
}

type Events struct{ db *gorm.DB }

// Processed checks for the event's row.
func (r *Events) Processed(ctx context.Context, id string) (bool, error) {
	var ev ProcessedEvent
	err := r.db.WithContext(ctx).Where("event_id = ?", id).First(&ev).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Mark inserts the event's row without ON CONFLICT.
func (r *Events) Mark(ctx context.Context, id string) error {
	return r.db.WithContext(ctx).Create(&ProcessedEvent{EventID: id}).Error
}

// Claim inserts the row only if absent and says whether it did.
func (r *Events) Claim(ctx context.Context, id string) (bool, error) {
	res := r.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&ProcessedEvent{EventID: id})
	return res.RowsAffected == 1, res.Error
}
