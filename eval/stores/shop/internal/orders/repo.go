// Package orders owns orders and their payments.
package orders

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"example.com/shop/internal/models"
)

// ErrNotFound is returned when a row does not exist.
var ErrNotFound = errors.New("orders: not found")

// Repository is the persistence port of the orders service.
type Repository interface {
	ByRef(ctx context.Context, ref string) (*models.Order, error)
	PaymentByKey(ctx context.Context, idemKey string) (*models.Payment, error)
	InsertPayment(ctx context.Context, p *models.Payment) error
}

type gormRepo struct {
	db *gorm.DB
}

// NewRepository returns the GORM implementation of Repository.
func NewRepository(db *gorm.DB) Repository { return &gormRepo{db: db} }

func (r *gormRepo) ByRef(ctx context.Context, ref string) (*models.Order, error) {
	var o models.Order
	err := r.db.WithContext(ctx).Where("order_ref = ?", ref).First(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &o, err
}

func (r *gormRepo) PaymentByKey(ctx context.Context, idemKey string) (*models.Payment, error) {
	var p models.Payment
	err := r.db.WithContext(ctx).Where("idempotency_key = ?", idemKey).Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	return &p, err
}

func (r *gormRepo) InsertPayment(ctx context.Context, p *models.Payment) error {
	return r.db.WithContext(ctx).Create(p).Error
}
