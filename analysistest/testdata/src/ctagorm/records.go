package ctagorm

import (
	"context"
	"database/sql"
	"fmt"

	"gorm.io/gorm"
)

type Wallet struct {
	ID         uint
	CustomerID string
	Balance    int64
}

type walletService struct{ db *gorm.DB }

func (s *walletService) wallet(ctx context.Context, customerID string) (*Wallet, error) {
	var w Wallet
	if err := s.db.WithContext(ctx).Where("customer_id = ?", customerID).First(&w).Error; err != nil {
		return nil, fmt.Errorf("load wallet %s: %w", customerID, err)
	}
	return &w, nil
}

// credit changes the record a helper read and saves it: a lost update.
func (s *walletService) credit(ctx context.Context, customerID string, cents int64) error {
	w, err := s.wallet(ctx, customerID)
	if err != nil {
		return err
	}
	w.Balance += cents
	return s.db.WithContext(ctx).Save(w).Error // want `read-modify-write of the wallets record \(SELECT \(in s.wallet\) then UPDATE\) is not atomic`
}

// cashback updates the record read by a struct condition in a transaction.
func (s *walletService) cashback(ctx context.Context, customerID string, bonus int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var w Wallet
		if err := tx.Where(&Wallet{CustomerID: customerID}).First(&w).Error; err != nil {
			return err
		}
		return tx.Model(&w).Updates(map[string]any{"balance": w.Balance + bonus}).Error // want `read-modify-write of the wallets record \(SELECT then UPDATE\) is not atomic`
	})
}

// setCredit saves an absolute balance from the caller on the record a helper
// read: nothing computed from the read, not reported.
func (s *walletService) setCredit(ctx context.Context, customerID string, cents int64) error {
	w, err := s.wallet(ctx, customerID)
	if err != nil {
		return err
	}
	w.Balance = cents
	return s.db.WithContext(ctx).Save(w).Error
}

// cashbackSerializable is cashback at SERIALIZABLE: not reported.
func (s *walletService) cashbackSerializable(ctx context.Context, customerID string, bonus int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var w Wallet
		if err := tx.Where(&Wallet{CustomerID: customerID}).First(&w).Error; err != nil {
			return err
		}
		return tx.Model(&w).Updates(map[string]any{"balance": w.Balance + bonus}).Error
	}, &sql.TxOptions{Isolation: sql.LevelSerializable})
}
