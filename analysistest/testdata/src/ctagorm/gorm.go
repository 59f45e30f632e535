// Package ctagorm holds checkthenact cases for GORM: the table and key come from a
// method chain on *gorm.DB.
package ctagorm

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"ctagorm/repo"
)

func charge(string) {}

type ProcessedEvent struct {
	ID        uint
	EventID   string `gorm:"uniqueIndex"`
	Handler   string
	CreatedAt int64
}

type Account struct {
	ID      string
	Balance int64
	Status  string
}

// Payment names its table with TableName.
type Payment struct {
	OrderID string `gorm:"column:order_ref"`
	Amount  int64
}

func (Payment) TableName() string { return "payment_ledger" }

// firstThenCreate is the seed shape: First misses, charge, Create.
func firstThenCreate(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	err := db.First(&ev, "event_id = ?", id).Error
	if err == nil {
		return nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(id)
	return db.Create(&ProcessedEvent{EventID: id, Handler: "billing"}).Error // want `SELECT then INSERT of processed_events.event_id = id is not atomic`
}

// firstThenCreateOnConflict claims with ON CONFLICT DO NOTHING: not reported.
func firstThenCreateOnConflict(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	if err := db.First(&ev, "event_id = ?", id).Error; err == nil {
		return nil
	}
	res := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&ProcessedEvent{EventID: id})
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	charge(id)
	return nil
}

// whereFirstThenCreate scopes with Where and a context.
func whereFirstThenCreate(ctx context.Context, db *gorm.DB, id string) error {
	var ev ProcessedEvent
	err := db.WithContext(ctx).Where("event_id = ?", id).First(&ev).Error
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(id)
	return db.WithContext(ctx).Create(&ProcessedEvent{EventID: id}).Error // want `SELECT then INSERT of processed_events.event_id = id is not atomic`
}

// whereFirstThenCreateOther writes another event's row: not reported.
func whereFirstThenCreateOther(ctx context.Context, db *gorm.DB, id, parent string) error {
	var ev ProcessedEvent
	err := db.WithContext(ctx).Where("event_id = ?", id).First(&ev).Error
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(id)
	return db.WithContext(ctx).Create(&ProcessedEvent{EventID: parent}).Error
}

// countThenCreate counts through Model and decides on the count.
func countThenCreate(db *gorm.DB, id string) error {
	var n int64
	if err := db.Model(&ProcessedEvent{}).Where("event_id = ?", id).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	charge(id)
	return db.Create(&ProcessedEvent{EventID: id}).Error // want `SELECT then INSERT of processed_events.event_id = id is not atomic`
}

// tableCountThenCreate names the table with Table and inserts a map.
func tableCountThenCreate(db *gorm.DB, id string) error {
	var n int64
	if err := db.Table("processed_events").Where("event_id = ?", id).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	charge(id)
	return db.Table("processed_events").Create(map[string]interface{}{"event_id": id}).Error // want `SELECT then INSERT of processed_events.event_id = id is not atomic`
}

// structCondition takes the key from a struct condition.
func structCondition(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	if err := db.Where(&ProcessedEvent{EventID: id}).Take(&ev).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(id)
	return db.Create(&ProcessedEvent{EventID: id}).Error // want `SELECT then INSERT of processed_events.event_id = id is not atomic`
}

// mapCondition takes the key from a map condition.
func mapCondition(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	if err := db.Where(map[string]interface{}{"event_id": id}).Take(&ev).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(id)
	return db.Create(&ProcessedEvent{EventID: id}).Error // want `SELECT then INSERT of processed_events.event_id = id is not atomic`
}

// orCondition widens the check with Or: its key is not known, not reported.
func orCondition(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	if err := db.Where("event_id = ?", id).Or("handler = ?", "x").Take(&ev).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(id)
	return db.Create(&ProcessedEvent{EventID: id}).Error
}

// tableName follows the TableName method and the column tag.
func tableName(db *gorm.DB, orderID string, amount int64) error {
	var p Payment
	err := db.Where("order_ref = ?", orderID).First(&p).Error
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(orderID)
	return db.Create(&Payment{OrderID: orderID, Amount: amount}).Error // want `SELECT then INSERT of payment_ledger.order_ref = orderID is not atomic`
}

// firstOrCreate checks and creates in one call: not reported on its own.
func firstOrCreate(db *gorm.DB, id string) error {
	ev := ProcessedEvent{EventID: id}
	res := db.Where(ProcessedEvent{EventID: id}).FirstOrCreate(&ev)
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	charge(id)
	return nil
}

// firstThenSave creates with Save after the miss.
func firstThenSave(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	if err := db.First(&ev, "event_id = ?", id).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(id)
	return db.Save(&ProcessedEvent{EventID: id}).Error // want `SELECT then INSERT of processed_events.event_id = id is not atomic`
}

// firstThenDelete deletes: idempotent, not reported.
func firstThenDelete(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	if err := db.First(&ev, "event_id = ?", id).Error; err != nil {
		return err
	}
	return db.Delete(&ProcessedEvent{}, "event_id = ?", id).Error
}

// lostUpdate reads a balance, adds in Go and updates it: a lost update.
func lostUpdate(db *gorm.DB, id string, amount int64) error {
	var acct Account
	if err := db.First(&acct, "id = ?", id).Error; err != nil {
		return err
	}
	return db.Model(&Account{}).Where("id = ?", id).Update("balance", acct.Balance+amount).Error // want `read-modify-write of accounts.id = id \(SELECT then UPDATE\) is not atomic`
}

// exprUpdate adds in the database with gorm.Expr: not reported.
func exprUpdate(db *gorm.DB, id string, amount int64) error {
	var acct Account
	if err := db.First(&acct, "id = ?", id).Error; err != nil {
		return err
	}
	return db.Model(&Account{}).Where("id = ?", id).Update("balance", gorm.Expr("balance + ?", amount)).Error
}

// saveLostUpdate changes the record read and saves it: a lost update.
func saveLostUpdate(db *gorm.DB, id string, amount int64) error {
	var acct Account
	if err := db.First(&acct, "id = ?", id).Error; err != nil {
		return err
	}
	acct.Balance += amount
	return db.Save(&acct).Error // want `read-modify-write of the accounts record \(SELECT then UPDATE\) is not atomic`
}

// lockedSave locks the row in a transaction first: not reported.
func lockedSave(db *gorm.DB, id string, amount int64) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var acct Account
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&acct, "id = ?", id).Error; err != nil {
			return err
		}
		acct.Balance += amount
		return tx.Save(&acct).Error
	})
}

// conditionalUpdate is a compare-and-set on status: not reported.
func conditionalUpdate(db *gorm.DB, id string) error {
	var acct Account
	if err := db.First(&acct, "id = ?", id).Error; err != nil || acct.Status != "pending" {
		return err
	}
	res := db.Model(&Account{}).Where("id = ? AND status = ?", id, "pending").Update("status", "charged")
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	charge(id)
	return nil
}

// inTransaction checks and creates in a plain transaction: still two deliveries'
// worth of race under READ COMMITTED, reported.
func inTransaction(db *gorm.DB, id string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var ev ProcessedEvent
		if err := tx.Where("event_id = ?", id).First(&ev).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		charge(id)
		return tx.Create(&ProcessedEvent{EventID: id}).Error // want `SELECT then INSERT of processed_events.event_id = id is not atomic`
	})
}

// serializableTransaction runs the same at SERIALIZABLE: not reported.
func serializableTransaction(db *gorm.DB, id string) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var ev ProcessedEvent
		if err := tx.Where("event_id = ?", id).First(&ev).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		charge(id)
		return tx.Create(&ProcessedEvent{EventID: id}).Error
	}, &sql.TxOptions{Isolation: sql.LevelSerializable})
}

// duplicateHandled creates and treats a unique violation as "already done": not reported.
func duplicateHandled(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	if err := db.First(&ev, "event_id = ?", id).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	if err := db.Create(&ProcessedEvent{EventID: id}).Error; err != nil {
		if isUniqueViolation(err) {
			return nil
		}
		return err
	}
	charge(id)
	return nil
}

func isUniqueViolation(err error) bool { return strings.Contains(err.Error(), "23505") }

// viaRepo checks and marks through a repository in another package.
func viaRepo(ctx context.Context, r *repo.Events, id string) error {
	done, err := r.Processed(ctx, id)
	if err != nil || done {
		return err
	}
	charge(id)
	return r.Mark(ctx, id) // want `SELECT \(in r.Processed\) then INSERT \(in r.Mark\) of processed_events.event_id = id is not atomic`
}

// viaRepoClaim claims through the repository: not reported.
func viaRepoClaim(ctx context.Context, r *repo.Events, id string) error {
	done, err := r.Processed(ctx, id)
	if err != nil || done {
		return err
	}
	won, err := r.Claim(ctx, id)
	if err != nil || !won {
		return err
	}
	charge(id)
	return nil
}

// execInsert mixes a chain check with raw SQL through Exec: the same table and key.
func execInsert(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	if err := db.Where("event_id = ?", id).First(&ev).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(id)
	return db.Exec("INSERT INTO processed_events (event_id) VALUES (?)", id).Error // want `SELECT then INSERT of processed_events.event_id = id is not atomic`
}

// execInsertOnConflict is its twin with ON CONFLICT: not reported.
func execInsertOnConflict(db *gorm.DB, id string) error {
	var ev ProcessedEvent
	if err := db.Where("event_id = ?", id).First(&ev).Error; !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	charge(id)
	return db.Exec("INSERT INTO processed_events (event_id) VALUES (?) ON CONFLICT DO NOTHING", id).Error
}
