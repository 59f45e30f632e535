package ctagorm

import (
	"context"
	"errors"

	"gorm.io/gorm"
)

// Redemption is unique on (coupon_code, customer_id).
type Redemption struct {
	ID         uint
	CouponCode string
	CustomerID string
	OrderRef   string
}

var errUsed = errors.New("used")

// redeem counts on two columns and creates a record built in a local variable first.
func redeem(ctx context.Context, gdb *gorm.DB, code, customer, order string) error {
	db := gdb.WithContext(ctx)
	var used int64
	if err := db.Model(&Redemption{}).Where("coupon_code = ? AND customer_id = ?", code, customer).Count(&used).Error; err != nil {
		return err
	}
	if used > 0 {
		return errUsed
	}
	r := Redemption{CouponCode: code, CustomerID: customer, OrderRef: order}
	return db.Create(&r).Error // want `SELECT then INSERT of redemptions.coupon_code = code is not atomic`
}

// redeemForOther creates the redemption of another customer: not reported.
func redeemForOther(ctx context.Context, gdb *gorm.DB, code, customer, other, order string) error {
	db := gdb.WithContext(ctx)
	var used int64
	if err := db.Model(&Redemption{}).Where("coupon_code = ? AND customer_id = ?", code, customer).Count(&used).Error; err != nil {
		return err
	}
	if used > 0 {
		return errUsed
	}
	r := Redemption{CouponCode: code, CustomerID: other, OrderRef: order}
	return db.Create(&r).Error
}
