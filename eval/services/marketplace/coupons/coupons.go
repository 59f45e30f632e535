// Package coupons redeems discount codes at checkout and issues compensation
// coupons when an order goes wrong.
package coupons

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/redis/go-redis/v9"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Coupon is a discount code.
type Coupon struct {
	Code     string `gorm:"primaryKey"`
	Percent  int
	MaxUses  int
	Used     int
	ExpireAt time.Time
}

// Redemption records one use of a coupon on one order.
type Redemption struct {
	ID         uint   `gorm:"primaryKey"`
	Code       string `gorm:"uniqueIndex:idx_code_order"`
	OrderID    string `gorm:"uniqueIndex:idx_code_order"`
	CustomerID string
	CreatedAt  time.Time
}

// Compensation is a coupon issued to make up for a late or broken order.
type Compensation struct {
	ID         uint   `gorm:"primaryKey"`
	IncidentID string `gorm:"uniqueIndex"`
	CustomerID string
	Code       string
	Percent    int
}

// Repo is a generic GORM repository.
type Repo[T any] struct {
	db *gorm.DB
}

// NewRepo returns a repository of T.
func NewRepo[T any](db *gorm.DB) *Repo[T] { return &Repo[T]{db: db} }

// Create inserts v.
func (r *Repo[T]) Create(ctx context.Context, v *T) error {
	return r.db.WithContext(ctx).Create(v).Error
}

// Service redeems coupons.
type Service struct {
	db  *gorm.DB
	rdb redis.UniversalClient
}

// NewService wires the service.
func NewService(db *gorm.DB, rdb redis.UniversalClient) *Service { return &Service{db: db, rdb: rdb} }

// Redeem applies code to an order once.
func (s *Service) Redeem(ctx context.Context, code, orderID, customerID string) error {
	db := s.db.WithContext(ctx)
	var existing Redemption
	err := db.Where("code = ? AND order_id = ?", code, orderID).First(&existing).Error
	if err == nil {
		return nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return err
	}
	return db.Create(&Redemption{Code: code, OrderID: orderID, CustomerID: customerID}).Error // BUG: checkthenact
}

// RedeemOnce lets the unique index decide.
func (s *Service) RedeemOnce(ctx context.Context, code, orderID, customerID string) (bool, error) {
	res := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&Redemption{Code: code, OrderID: orderID, CustomerID: customerID})
	return res.RowsAffected == 1, res.Error
}

// CountUse bumps the coupon's use counter.
func (s *Service) CountUse(ctx context.Context, code string) error {
	db := s.db.WithContext(ctx)
	var c Coupon
	if err := db.First(&c, "code = ?", code).Error; err != nil {
		return err
	}
	if c.Used >= c.MaxUses {
		return errors.New("coupon exhausted")
	}
	c.Used++
	return db.Save(&c).Error // BUG: checkthenact
}

// CountUseAtomic bumps the counter with a conditional UPDATE.
func (s *Service) CountUseAtomic(ctx context.Context, code string) error {
	res := s.db.WithContext(ctx).Model(&Coupon{}).Where("code = ? AND used < max_uses", code).Update("used", gorm.Expr("used + ?", 1))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errors.New("coupon exhausted")
	}
	return nil
}

// FirstOrderDiscount lets each customer use the welcome code once.
func (s *Service) FirstOrderDiscount(ctx context.Context, customerID string) (bool, error) {
	used, err := s.rdb.SIsMember(ctx, "coupon:welcome:used", customerID).Result()
	if err != nil || used {
		return false, err
	}
	if err := s.rdb.SAdd(ctx, "coupon:welcome:used", customerID).Err(); err != nil { // BUG: checkthenact
		return false, err
	}
	return true, nil
}

// FirstOrderDiscountAtomic uses SADD's answer as the claim.
func (s *Service) FirstOrderDiscountAtomic(ctx context.Context, customerID string) (bool, error) {
	n, err := s.rdb.SAdd(ctx, "coupon:welcome:used:v2", customerID).Result()
	return n == 1, err
}

// Incident is published on "support.incident" when an order goes wrong.
type Incident struct {
	IncidentID string `json:"incident_id"`
	CustomerID string `json:"customer_id"`
	Percent    int    `json:"percent"`
}

// Compensator issues compensation coupons from NATS.
type Compensator struct {
	repo *Repo[Compensation]
	db   *gorm.DB
}

// NewCompensator wires the compensator.
func NewCompensator(db *gorm.DB) *Compensator {
	return &Compensator{repo: NewRepo[Compensation](db), db: db}
}

// Start subscribes to incidents.
func (c *Compensator) Start(nc *nats.Conn) error {
	if _, err := nc.QueueSubscribe("support.incident", "coupons", c.onIncident); err != nil {
		return err
	}
	_, err := nc.QueueSubscribe("support.incident.v2", "coupons", c.onIncidentV2)
	return err
}

func (c *Compensator) onIncident(m *nats.Msg) {
	var in Incident
	if err := json.Unmarshal(m.Data, &in); err != nil {
		return
	}
	ctx := context.Background()
	comp := Compensation{IncidentID: in.IncidentID, CustomerID: in.CustomerID, Code: "SORRY-" + in.IncidentID, Percent: in.Percent}
	if err := c.db.WithContext(ctx).Create(&comp).Error; err != nil { // BUG: missingkey
		log.Printf("coupons: compensation for %s: %v", in.IncidentID, err)
	}
}

func (c *Compensator) onIncidentV2(m *nats.Msg) {
	var in Incident
	if err := json.Unmarshal(m.Data, &in); err != nil {
		return
	}
	ctx := context.Background()
	res := c.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&Compensation{IncidentID: in.IncidentID, CustomerID: in.CustomerID, Code: "SORRY2-" + in.IncidentID, Percent: in.Percent})
	if res.Error != nil || res.RowsAffected == 0 {
		return
	}
	m.Respond([]byte(`{"issued":true}`))
}
