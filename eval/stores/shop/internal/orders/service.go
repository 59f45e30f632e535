package orders

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"example.com/shop/internal/models"
	"example.com/shop/internal/notify"
)

// ErrAlreadyRefunded is returned when an order has a refund already.
var ErrAlreadyRefunded = errors.New("orders: already refunded")

// Service is the orders application service.
type Service struct {
	repo Repository
	db   *gorm.DB
	gw   *notify.Gateway
}

// NewService wires the orders service.
func NewService(repo Repository, db *gorm.DB, gw *notify.Gateway) *Service {
	return &Service{repo: repo, db: db, gw: gw}
}

// Capture charges an order once per client idempotency key.
func (s *Service) Capture(ctx context.Context, orderRef string, amount int64, idemKey string) (*models.Payment, error) {
	existing, err := s.repo.PaymentByKey(ctx, idemKey)
	if err == nil {
		return existing, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	ref, err := s.gw.Charge(ctx, notify.ChargeRequest{OrderRef: orderRef, Amount: amount, Currency: "EUR"}, idemKey)
	if err != nil {
		return nil, err
	}
	p := &models.Payment{OrderRef: orderRef, IdempotencyKey: idemKey, Amount: amount, ProviderRef: ref}
	if err := s.repo.InsertPayment(ctx, p); err != nil { // BUG: checkthenact
		return nil, err
	}
	return p, nil
}

// MarkPaid moves a pending order to paid after the provider confirmed it and
// books the revenue.
func (s *Service) MarkPaid(ctx context.Context, orderRef string, ledgerURL string) error {
	var o models.Order
	if err := s.db.WithContext(ctx).Where("order_ref = ?", orderRef).Take(&o).Error; err != nil {
		return err
	}
	if o.Status != "pending" {
		return nil
	}
	if err := notify.PostLedgerEntry(ctx, ledgerURL, map[string]any{"order": orderRef, "amount": o.Total}); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Model(&o).Update("status", "paid").Error // AMBIG: checkthenact
}

// MarkPaidConditional lets the UPDATE decide: only the delivery that moves
// the row out of pending books the revenue.
func (s *Service) MarkPaidConditional(ctx context.Context, orderRef string, ledgerURL string) error {
	now := time.Now()
	res := s.db.WithContext(ctx).Model(&models.Order{}).
		Where("order_ref = ? AND status = ?", orderRef, "pending").
		Updates(map[string]any{"status": "paid", "paid_at": &now})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return nil // someone else (or an earlier delivery) did it
	}
	var o models.Order
	if err := s.db.WithContext(ctx).Where("order_ref = ?", orderRef).Take(&o).Error; err != nil {
		return err
	}
	return notify.PostLedgerEntry(ctx, ledgerURL, map[string]any{"order": orderRef, "amount": o.Total})
}

// Refund issues at most one refund per order.
func (s *Service) Refund(ctx context.Context, orderRef string, amount int64, reason string) error {
	var n int64
	if err := s.db.WithContext(ctx).Model(&models.Refund{}).Where("order_ref = ?", orderRef).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return ErrAlreadyRefunded
	}
	if _, err := s.gw.Charge(ctx, notify.ChargeRequest{OrderRef: orderRef, Amount: -amount, Currency: "EUR"}, "refund-"+orderRef); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Create(&models.Refund{OrderRef: orderRef, Amount: amount, Reason: reason}).Error // BUG: checkthenact
}

// RefundLocked serialises refunds of one order on the order row itself.
func (s *Service) RefundLocked(ctx context.Context, orderRef string, amount int64, reason string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var o models.Order
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("order_ref = ?", orderRef).First(&o).Error; err != nil {
			return fmt.Errorf("lock order %s: %w", orderRef, err)
		}
		var n int64
		if err := tx.Model(&models.Refund{}).Where("order_ref = ?", orderRef).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrAlreadyRefunded
		}
		return tx.Create(&models.Refund{OrderRef: orderRef, Amount: amount, Reason: reason}).Error
	})
}

// Archive copies a delivered order into the archive table; the read is of
// orders, the write of order_archive (different table).
func (s *Service) Archive(ctx context.Context, orderRef string) error {
	var o models.Order
	if err := s.db.WithContext(ctx).Where("order_ref = ?", orderRef).First(&o).Error; err != nil {
		return err
	}
	if o.Status != "delivered" {
		return nil
	}
	return s.db.WithContext(ctx).Table("order_archive").Clauses(clause.OnConflict{DoNothing: true}).Create(map[string]any{"order_ref": o.OrderRef, "total": o.Total, "archived_at": time.Now()}).Error
}
