// Package notify sends transactional e-mail.
package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Mailer sends one e-mail.
type Mailer interface {
	Send(ctx context.Context, to, template string, data map[string]string) error
}

// TemplateSource loads templates from the CMS.
type TemplateSource interface {
	Load(ctx context.Context, name, locale string) (string, error)
}

// Service sends e-mails for domain events.
type Service struct {
	rdb    redis.UniversalClient
	mailer Mailer
	tpl    TemplateSource
}

func NewService(rdb redis.UniversalClient, m Mailer, t TemplateSource) *Service {
	return &Service{rdb: rdb, mailer: m, tpl: t}
}

type receiptKey struct{ orderID string }

func (k receiptKey) String() string { return "mail:receipt:" + k.orderID }

// Receipt sends the order receipt; looks like cache-aside but sends mail between
// the miss and the SET, so two deliveries send two receipts.
func (s *Service) Receipt(ctx context.Context, orderID, email string) error {
	k := receiptKey{orderID}.String()
	_, err := s.rdb.Get(ctx, k).Result()
	if err == nil {
		return nil
	}
	if !errors.Is(err, redis.Nil) {
		return err
	}
	if err := s.mailer.Send(ctx, email, "receipt", map[string]string{"order": orderID}); err != nil {
		return err
	}
	return s.rdb.Set(ctx, k, time.Now().Unix(), 30*24*time.Hour).Err() // BUG: checkthenact
}

// PasswordReset sends the reset e-mail at most once per 10 minutes per user.
func (s *Service) PasswordReset(ctx context.Context, userID, email string) error {
	ok, err := s.rdb.SetNX(ctx, "mail:reset:"+userID, 1, 10*time.Minute).Result()
	if err != nil || !ok {
		return err
	}
	return s.mailer.Send(ctx, email, "reset", nil)
}

// Template returns a rendered template body, cached for an hour (cache-aside).
func (s *Service) Template(ctx context.Context, name, locale string) (string, error) {
	key := fmt.Sprintf("mail:tpl:%s:%s", name, locale)
	body, err := s.rdb.Get(ctx, key).Result()
	if err == nil {
		return body, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	body, err = s.tpl.Load(ctx, name, locale)
	if err != nil {
		return "", err
	}
	s.rdb.Set(ctx, fmt.Sprintf("mail:tpl:%s:%s", name, locale), body, time.Hour)
	return body, nil
}

// Shipped notifies once per shipment; key rebuilt with the same Sprintf format.
func (s *Service) Shipped(ctx context.Context, orderID, shipmentID, email string) error {
	n, err := s.rdb.Exists(ctx, fmt.Sprintf("mail:shipped:%s:%s", orderID, shipmentID)).Result()
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if err := s.mailer.Send(ctx, email, "shipped", map[string]string{"order": orderID}); err != nil {
		return err
	}
	return s.rdb.SetEx(ctx, fmt.Sprintf("mail:shipped:%s:%s", orderID, shipmentID), 1, 30*24*time.Hour).Err() // BUG: checkthenact
}

// Delayed notifies about a delay; the read key is per order, the marker per shipment.
func (s *Service) Delayed(ctx context.Context, orderID, shipmentID, email string) error {
	if n, _ := s.rdb.Exists(ctx, "mail:optout:"+orderID).Result(); n > 0 {
		return nil
	}
	ok, err := s.rdb.SetNX(ctx, "mail:delayed:"+shipmentID, 1, 7*24*time.Hour).Result()
	if err != nil || !ok {
		return err
	}
	return s.mailer.Send(ctx, email, "delayed", nil)
}

// Digest builds the weekly digest under WATCH so concurrent builders don't double-append.
func (s *Service) Digest(ctx context.Context, userID, item string) error {
	key := "mail:digest:" + userID
	return s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		cur, err := tx.Get(ctx, key).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, key, cur+"\n"+item, 7*24*time.Hour)
			return nil
		})
		return err
	}, key)
}

// DigestNaive appends without WATCH.
func (s *Service) DigestNaive(ctx context.Context, userID, item string) error {
	key := "mail:digest:" + userID
	cur, err := s.rdb.Get(ctx, key).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	return s.rdb.Set(ctx, key, cur+"\n"+item, 7*24*time.Hour).Err() // BUG: checkthenact
}

// DigestAppend uses APPEND, which is atomic.
func (s *Service) DigestAppend(ctx context.Context, userID, item string) error {
	key := "mail:digest:" + userID
	if err := s.rdb.Append(ctx, key, "\n"+item).Err(); err != nil {
		return err
	}
	return s.rdb.Expire(ctx, key, 7*24*time.Hour).Err()
}
