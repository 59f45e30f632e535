// Package inbox records which events the consumers have already applied.
package inbox

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"example.com/shop/internal/models"
)

// ErrDuplicate is returned when an event has already been recorded.
var ErrDuplicate = errors.New("inbox: duplicate event")

// Inbox is the transactional inbox table of the consumers.
type Inbox struct {
	db *gorm.DB
}

// New returns an Inbox over db.
func New(db *gorm.DB) *Inbox { return &Inbox{db: db} }

// Seen reports whether eventID has been recorded.
func (i *Inbox) Seen(ctx context.Context, eventID string) (bool, error) {
	var pe models.ProcessedEvent
	err := i.db.WithContext(ctx).Where("event_id = ?", eventID).First(&pe).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Record writes the marker of eventID.
func (i *Inbox) Record(ctx context.Context, consumer, eventID string) error {
	return i.db.WithContext(ctx).Create(&models.ProcessedEvent{EventID: eventID, Consumer: consumer, ProcessedAt: time.Now()}).Error
}

// Claim inserts the marker of eventID unless it is there; it returns
// ErrDuplicate when another delivery got there first.
func (i *Inbox) Claim(ctx context.Context, consumer, eventID string) error {
	res := i.db.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "event_id"}}, DoNothing: true}).
		Create(&models.ProcessedEvent{EventID: eventID, Consumer: consumer, ProcessedAt: time.Now()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrDuplicate
	}
	return nil
}

// Once runs fn unless eventID was processed; the check and the marker are two
// statements, which was fine while only one replica consumed the topic.
func (i *Inbox) Once(ctx context.Context, consumer, eventID string, fn func(context.Context) error) error {
	var existing models.ProcessedEvent
	err := i.db.WithContext(ctx).First(&existing, "event_id = ?", eventID).Error
	switch {
	case err == nil:
		return nil
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return err
	}
	if err := fn(ctx); err != nil {
		return err
	}
	return i.db.WithContext(ctx).Create(&models.ProcessedEvent{EventID: eventID, Consumer: consumer, ProcessedAt: time.Now()}).Error // BUG: checkthenact
}

// OnceTx claims eventID and runs fn in the same transaction: a duplicate
// delivery finds the row and does nothing.
func (i *Inbox) OnceTx(ctx context.Context, consumer, eventID string, fn func(tx *gorm.DB) error) error {
	return i.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&models.ProcessedEvent{EventID: eventID, Consumer: consumer, ProcessedAt: time.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return nil
		}
		return fn(tx)
	})
}

// Ensure records eventID if it is not there yet (idempotent bookkeeping used by
// the backfill job; FirstOrCreate relies on the unique index on event_id).
func (i *Inbox) Ensure(ctx context.Context, consumer, eventID string) error {
	pe := models.ProcessedEvent{EventID: eventID, Consumer: consumer, ProcessedAt: time.Now()}
	return i.db.WithContext(ctx).Where(models.ProcessedEvent{EventID: eventID}).FirstOrCreate(&pe).Error
}
