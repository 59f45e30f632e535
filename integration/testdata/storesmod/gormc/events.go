// Package gormc dedups with GORM on the postgres driver.
package gormc

import (
	"errors"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

func charge(string) {}

type ProcessedEvent struct {
	ID      uint
	EventID string `gorm:"uniqueIndex"`
}

type Account struct {
	ID      string
	Balance int64
}

func Open(dsn string) (*gorm.DB, error) { return gorm.Open(postgres.Open(dsn), &gorm.Config{}) }

// Handle checks with First and creates without ON CONFLICT.
func Handle(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	err := db.Where("event_id = ?", id).First(&ev).Error
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(id)
	return db.Create(&ProcessedEvent{EventID: id}).Error // want checkthenact
}

// HandleOnConflict claims with ON CONFLICT DO NOTHING.
func HandleOnConflict(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	if err := db.Where("event_id = ?", id).First(&ev).Error; err == nil {
		return nil
	}
	res := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&ProcessedEvent{EventID: id})
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	charge(id)
	return nil
}

// Credit adds in the database.
func Credit(db *gorm.DB, id string, amount int64) error {
	var a Account
	if err := db.First(&a, "id = ?", id).Error; err != nil {
		return err
	}
	return db.Model(&Account{}).Where("id = ?", id).Update("balance", gorm.Expr("balance + ?", amount)).Error
}

// CreditLost adds in Go: a lost update.
func CreditLost(db *gorm.DB, id string, amount int64) error {
	var a Account
	if err := db.First(&a, "id = ?", id).Error; err != nil {
		return err
	}
	a.Balance += amount
	return db.Save(&a).Error // want checkthenact
}
