// Package wallet keeps customers' store-credit balances in Postgres.
package wallet

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"example.com/shop/internal/models"
)

// ErrInsufficientFunds is returned when a debit exceeds the balance.
var ErrInsufficientFunds = errors.New("wallet: insufficient funds")

// Service moves store credit.
type Service struct {
	db *gorm.DB
}

// NewService returns a wallet Service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

func (s *Service) account(ctx context.Context, customerID string) (*models.Account, error) {
	var acct models.Account
	if err := s.db.WithContext(ctx).Where("customer_id = ?", customerID).First(&acct).Error; err != nil {
		return nil, fmt.Errorf("load account %s: %w", customerID, err)
	}
	return &acct, nil
}

// Credit adds cents to the balance of customerID (refunds, goodwill).
func (s *Service) Credit(ctx context.Context, customerID string, cents int64) error {
	acct, err := s.account(ctx, customerID)
	if err != nil {
		return err
	}
	acct.Balance += cents
	return s.db.WithContext(ctx).Save(acct).Error // BUG: checkthenact
}

// CreditAtomic is the form the ledger team asked for: the database adds.
func (s *Service) CreditAtomic(ctx context.Context, customerID string, cents int64) error {
	return s.db.WithContext(ctx).Model(&models.Account{}).
		Where("customer_id = ?", customerID).
		Update("balance", gorm.Expr("balance + ?", cents)).Error
}

// Debit takes cents from the balance, refusing to go negative.
func (s *Service) Debit(ctx context.Context, customerID string, cents int64) error {
	var acct models.Account
	err := s.db.WithContext(ctx).Model(&models.Account{}).Where("customer_id = ?", customerID).Take(&acct).Error
	if err != nil {
		return err
	}
	if acct.Balance < cents {
		return ErrInsufficientFunds
	}
	return s.db.WithContext(ctx).Model(&models.Account{}).Where("customer_id = ?", customerID).Update("balance", acct.Balance-cents).Error // BUG: checkthenact
}

// DebitGuarded lets the database check and subtract in one statement.
func (s *Service) DebitGuarded(ctx context.Context, customerID string, cents int64) error {
	res := s.db.WithContext(ctx).Model(&models.Account{}).
		Where("customer_id = ? AND balance >= ?", customerID, cents).
		UpdateColumn("balance", gorm.Expr("balance - ?", cents))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrInsufficientFunds
	}
	return nil
}

// Transfer moves credit between two customers inside one transaction, with
// the source row locked FOR UPDATE.
func (s *Service) Transfer(ctx context.Context, from, to string, cents int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var src models.Account
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("customer_id = ?", from).First(&src).Error; err != nil {
			return err
		}
		if src.Balance < cents {
			return ErrInsufficientFunds
		}
		src.Balance -= cents
		if err := tx.Save(&src).Error; err != nil {
			return err
		}
		return tx.Model(&models.Account{}).Where("customer_id = ?", to).
			Update("balance", gorm.Expr("balance + ?", cents)).Error
	})
}

// ApplyCashback credits a percentage of an order inside a transaction, but
// without locking the row: READ COMMITTED lets two transactions read the
// same balance.
func (s *Service) ApplyCashback(ctx context.Context, customerID string, orderTotal int64, pct int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var acct models.Account
		if err := tx.Where(&models.Account{CustomerID: customerID}).First(&acct).Error; err != nil {
			return err
		}
		bonus := orderTotal * pct / 100
		return tx.Model(&acct).Updates(map[string]any{"balance": acct.Balance + bonus}).Error // BUG: checkthenact
	})
}

// ApplyCashbackSerializable is the same under SERIALIZABLE isolation: one of
// two concurrent transactions fails to commit and is retried by the caller.
func (s *Service) ApplyCashbackSerializable(ctx context.Context, customerID string, orderTotal int64, pct int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var acct models.Account
		if err := tx.Where(&models.Account{CustomerID: customerID}).First(&acct).Error; err != nil {
			return err
		}
		bonus := orderTotal * pct / 100
		return tx.Model(&acct).Updates(map[string]any{"balance": acct.Balance + bonus}).Error
	}, &sql.TxOptions{Isolation: sql.LevelSerializable})
}

// Touch changes nothing the balance depends on; reading the account first
// only validates that it exists.
func (s *Service) Touch(ctx context.Context, customerID string) error {
	acct, err := s.account(ctx, customerID)
	if err != nil {
		return err
	}
	return s.db.WithContext(ctx).Model(acct).Update("version", gorm.Expr("version + 1")).Error
}

// SetBalanceVersioned writes an absolute balance only if nobody changed the
// row since it was read (optimistic locking on version).
func (s *Service) SetBalanceVersioned(ctx context.Context, customerID string, fn func(int64) int64) error {
	acct, err := s.account(ctx, customerID)
	if err != nil {
		return err
	}
	res := s.db.WithContext(ctx).Model(&models.Account{}).
		Where("customer_id = ? AND version = ?", customerID, acct.Version).
		Updates(map[string]any{"balance": fn(acct.Balance), "version": acct.Version + 1})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errors.New("wallet: concurrent update, retry")
	}
	return nil
}
