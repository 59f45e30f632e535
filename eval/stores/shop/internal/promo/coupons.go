// Package promo handles coupons, customer sync and stock reservations.
package promo

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"example.com/shop/internal/models"
)

// ErrAlreadyRedeemed is returned when a customer has used a coupon.
var ErrAlreadyRedeemed = errors.New("promo: coupon already redeemed")

// ErrOutOfStock is returned when a reservation cannot be satisfied.
var ErrOutOfStock = errors.New("promo: out of stock")

// Store is the GORM-backed promo store.
type Store struct {
	DB *gorm.DB
}

// Redeem records that customerID used code on orderRef, once per customer.
func (s *Store) Redeem(ctx context.Context, code, customerID, orderRef string) error {
	db := s.DB.WithContext(ctx)
	var used int64
	if err := db.Model(&models.Redemption{}).Where("coupon_code = ? AND customer_id = ?", code, customerID).Count(&used).Error; err != nil {
		return err
	}
	if used > 0 {
		return ErrAlreadyRedeemed
	}
	r := models.Redemption{CouponCode: code, CustomerID: customerID, OrderRef: orderRef, CreatedAt: time.Now()}
	return db.Create(&r).Error // BUG: checkthenact
}

// RedeemOnce relies on the unique index (coupon_code, customer_id).
func (s *Store) RedeemOnce(ctx context.Context, code, customerID, orderRef string) error {
	r := models.Redemption{CouponCode: code, CustomerID: customerID, OrderRef: orderRef, CreatedAt: time.Now()}
	res := s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "coupon_code"}, {Name: "customer_id"}},
		DoNothing: true,
	}).Create(&r)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrAlreadyRedeemed
	}
	return nil
}

// SyncCustomer mirrors a customer created at the identity provider.
func (s *Store) SyncCustomer(ctx context.Context, externalID, email string) (*models.Customer, error) {
	var c models.Customer
	err := s.DB.WithContext(ctx).Where(map[string]any{"external_id": externalID}).First(&c).Error
	if err == nil {
		return &c, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, err
	}
	c = models.Customer{ExternalID: externalID, Email: email}
	if err := s.DB.WithContext(ctx).Create(&c).Error; err != nil { // BUG: checkthenact
		return nil, err
	}
	return &c, nil
}

// SyncCustomerV2 is what the identity webhook uses now.
func (s *Store) SyncCustomerV2(ctx context.Context, externalID, email string) (*models.Customer, error) {
	c := models.Customer{ExternalID: externalID, Email: email}
	err := s.DB.WithContext(ctx).Where(models.Customer{ExternalID: externalID}).Attrs(models.Customer{Email: email}).FirstOrCreate(&c).Error
	return &c, err
}

// Reserve takes qty units of sku out of the warehouse stock.
func (s *Store) Reserve(ctx context.Context, sku string, qty int64) error {
	var lvl models.StockLevel
	if err := s.DB.WithContext(ctx).Table("stock_levels").Where("sku = ?", sku).Scan(&lvl).Error; err != nil {
		return err
	}
	if lvl.Qty < qty {
		return ErrOutOfStock
	}
	return s.DB.WithContext(ctx).Table("stock_levels").Where("sku = ?", sku).Update("qty", lvl.Qty-qty).Error // BUG: checkthenact
}

// ReserveAtomic is the conditional decrement the checkout path uses.
func (s *Store) ReserveAtomic(ctx context.Context, sku string, qty int64) error {
	res := s.DB.WithContext(ctx).Table("stock_levels").
		Where("sku = ? AND qty >= ?", sku, qty).
		Update("qty", gorm.Expr("qty - ?", qty))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrOutOfStock
	}
	return nil
}

// Subscribe starts a subscription of customerID to planID unless one exists.
func (s *Store) Subscribe(ctx context.Context, customerID, planID string) error {
	var subs []models.Subscription
	if err := s.DB.WithContext(ctx).Where(&models.Subscription{CustomerID: customerID, PlanID: planID}).Limit(1).Find(&subs).Error; err != nil {
		return err
	}
	if len(subs) > 0 {
		return nil
	}
	return s.DB.WithContext(ctx).Create(&models.Subscription{CustomerID: customerID, PlanID: planID, Active: true}).Error // BUG: checkthenact
}

// SubscribeSerializable does the same check and insert in a SERIALIZABLE
// transaction: two concurrent calls cannot both commit.
func (s *Store) SubscribeSerializable(ctx context.Context, customerID, planID string) error {
	return s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var subs []models.Subscription
		if err := tx.Where(&models.Subscription{CustomerID: customerID, PlanID: planID}).Limit(1).Find(&subs).Error; err != nil {
			return err
		}
		if len(subs) > 0 {
			return nil
		}
		return tx.Create(&models.Subscription{CustomerID: customerID, PlanID: planID, Active: true}).Error
	}, &sql.TxOptions{Isolation: sql.LevelSerializable})
}

// CodesOfOrder lists the coupons used on an order and writes an audit line
// (different table than the one read).
func (s *Store) CodesOfOrder(ctx context.Context, orderRef string) ([]string, error) {
	var codes []string
	if err := s.DB.WithContext(ctx).Model(&models.Redemption{}).Where("order_ref = ?", orderRef).Pluck("coupon_code", &codes).Error; err != nil {
		return nil, err
	}
	if len(codes) == 0 {
		return nil, nil
	}
	err := s.DB.WithContext(ctx).Table("promo_audit").Create(map[string]any{"order_ref": orderRef, "codes": len(codes), "at": time.Now()}).Error
	return codes, err
}
