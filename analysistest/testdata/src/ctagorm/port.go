package ctagorm

import (
	"context"
	"errors"

	"gorm.io/gorm"
)

// Charge is a payment keyed by the client's idempotency key.
type Charge struct {
	ID             uint
	IdempotencyKey string
	OrderRef       string
	Amount         int64
}

var errNotFound = errors.New("not found")

// Charges is the persistence port of the payments service; gormCharges, below, is
// its one implementation in the package.
type Charges interface {
	ByKey(ctx context.Context, key string) (*Charge, error)
	Insert(ctx context.Context, c *Charge) error
	Close() error
}

type gormCharges struct{ db *gorm.DB }

func (r *gormCharges) Close() error { return nil }

func (r *gormCharges) ByKey(ctx context.Context, key string) (*Charge, error) {
	var c Charge
	err := r.db.WithContext(ctx).Where("idempotency_key = ?", key).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errNotFound
	}
	return &c, err
}

func (r *gormCharges) Insert(ctx context.Context, c *Charge) error {
	return r.db.WithContext(ctx).Create(c).Error
}

type payments struct{ repo Charges }

// capture checks and inserts through the port: the adapter's SELECT and INSERT.
func (s *payments) capture(ctx context.Context, orderRef, key string, amount int64) error {
	if _, err := s.repo.ByKey(ctx, key); !errors.Is(err, errNotFound) {
		return err
	}
	charge(orderRef)
	return s.repo.Insert(ctx, &Charge{IdempotencyKey: key, OrderRef: orderRef, Amount: amount}) // want `SELECT \(in s.repo.ByKey\) then INSERT \(in s.repo.Insert\) of charges.idempotency_key = key is not atomic`
}

// captureOther inserts the charge under another key: not reported.
func (s *payments) captureOther(ctx context.Context, orderRef, key, other string, amount int64) error {
	if _, err := s.repo.ByKey(ctx, key); !errors.Is(err, errNotFound) {
		return err
	}
	charge(orderRef)
	return s.repo.Insert(ctx, &Charge{IdempotencyKey: other, OrderRef: orderRef, Amount: amount})
}

// Refunds has two implementations in the package (gormCharges and memCharges):
// which one runs is not known, so its calls carry no effects and nothing is
// reported.
type Refunds interface {
	ByKey(ctx context.Context, key string) (*Charge, error)
	Insert(ctx context.Context, c *Charge) error
}

// memCharges is the in-memory implementation the service's demo mode runs.
type memCharges struct{ byKey map[string]*Charge }

func (m *memCharges) ByKey(ctx context.Context, key string) (*Charge, error) {
	if c, ok := m.byKey[key]; ok {
		return c, nil
	}
	return nil, errNotFound
}

func (m *memCharges) Insert(ctx context.Context, c *Charge) error {
	m.byKey[c.IdempotencyKey] = c
	return nil
}

type refunds struct{ repo Refunds }

func (s *refunds) refund(ctx context.Context, orderRef, key string, amount int64) error {
	if _, err := s.repo.ByKey(ctx, key); !errors.Is(err, errNotFound) {
		return err
	}
	charge(orderRef)
	return s.repo.Insert(ctx, &Charge{IdempotencyKey: key, OrderRef: orderRef, Amount: amount})
}
