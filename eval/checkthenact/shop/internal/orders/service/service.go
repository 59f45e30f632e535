// Package service holds the order and payment use cases.
package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"example.com/shop/internal/orders/repo"
	"example.com/shop/internal/platform/txutil"
)

// PaymentCaptured is the payload of payments.captured.
type PaymentCaptured struct {
	EventID     string `json:"event_id"`
	OrderID     string `json:"order_id"`
	PaymentID   string `json:"payment_id"`
	AmountCents int64  `json:"amount_cents"`
	ProviderRef string `json:"provider_ref"`
	CustomerID  string `json:"customer_id"`
}

// Fulfiller ships paid orders.
type Fulfiller struct{}

// Ship asks the warehouse to ship an order.
func (Fulfiller) Ship(ctx context.Context, orderID string) error { return nil }

// OrderService coordinates orders, payments and wallets.
type OrderService struct {
	pool     *pgxpool.Pool
	events   *repo.EventRepo
	orders   *repo.OrderRepo
	payments *repo.PaymentRepo
	wallets  *repo.WalletRepo
	ship     Fulfiller
	log      *slog.Logger
}

func New(pool *pgxpool.Pool, log *slog.Logger) *OrderService {
	return &OrderService{
		pool:     pool,
		events:   repo.NewEventRepo(pool),
		orders:   repo.NewOrderRepo(pool),
		payments: repo.NewPaymentRepo(pool),
		wallets:  repo.NewWalletRepo(pool),
		log:      log,
	}
}

// Events exposes the event repository to consumers.
func (s *OrderService) Events() *repo.EventRepo { return s.events }

// HandlePaymentCaptured ships the order once per event (lookup, then record).
func (s *OrderService) HandlePaymentCaptured(ctx context.Context, evt PaymentCaptured) error {
	done, err := s.events.IsProcessed(ctx, evt.EventID)
	if err != nil {
		return err
	}
	if done {
		s.log.Info("duplicate event", "event_id", evt.EventID)
		return nil
	}
	if err := s.ship.Ship(ctx, evt.OrderID); err != nil {
		return err
	}
	return s.events.MarkProcessed(ctx, evt.EventID, "order-service") // BUG: checkthenact
}

// HandlePaymentCapturedClaim claims the event row first.
func (s *OrderService) HandlePaymentCapturedClaim(ctx context.Context, evt PaymentCaptured) error {
	first, err := s.events.Claim(ctx, evt.EventID, "order-service")
	if err != nil || !first {
		return err
	}
	return s.ship.Ship(ctx, evt.OrderID)
}

// HandleRefundIssued claims through a unique-violation-aware insert, after a
// cheap pre-check that only short-circuits the common duplicate.
func (s *OrderService) HandleRefundIssued(ctx context.Context, evt PaymentCaptured) error {
	if done, _ := s.events.IsProcessed(ctx, evt.EventID); done {
		return nil
	}
	first, err := s.events.ClaimStrict(ctx, evt.EventID, "refunds")
	if err != nil || !first {
		return err
	}
	return s.wallets.AddBalance(ctx, evt.CustomerID, evt.AmountCents)
}

// RecordPayment stores the payment unless the order already has one.
func (s *OrderService) RecordPayment(ctx context.Context, evt PaymentCaptured) error {
	existing, err := s.payments.FindByOrder(ctx, evt.OrderID)
	if err != nil {
		return err
	}
	if existing != nil {
		return nil
	}
	p := repo.Payment{ID: evt.PaymentID, OrderID: evt.OrderID, AmountCents: evt.AmountCents, ProviderRef: evt.ProviderRef}
	return s.payments.Insert(ctx, p) // BUG: checkthenact
}

// RecordPaymentOnce is RecordPayment with ON CONFLICT doing the dedup.
func (s *OrderService) RecordPaymentOnce(ctx context.Context, evt PaymentCaptured) error {
	existing, err := s.payments.FindByOrder(ctx, evt.OrderID)
	if err != nil {
		return err
	}
	if existing != nil {
		return nil
	}
	p := repo.Payment{ID: evt.PaymentID, OrderID: evt.OrderID, AmountCents: evt.AmountCents, ProviderRef: evt.ProviderRef}
	_, err = s.payments.InsertIfAbsent(ctx, p)
	return err
}

// PlaceOrder creates an order when it does not exist yet.
func (s *OrderService) PlaceOrder(ctx context.Context, o repo.Order) error {
	_, err := s.orders.FindByID(ctx, o.ID)
	switch {
	case errors.Is(err, repo.ErrNotFound):
		return s.orders.Create(ctx, o) // BUG: checkthenact
	case err != nil:
		return err
	default:
		return nil
	}
}

// PlaceOrderUpsert is PlaceOrder with an upsert.
func (s *OrderService) PlaceOrderUpsert(ctx context.Context, o repo.Order) error {
	if _, err := s.orders.FindByID(ctx, o.ID); err == nil {
		return nil
	}
	return s.orders.Upsert(ctx, o)
}

// ConfirmPayment marks a pending order paid.
func (s *OrderService) ConfirmPayment(ctx context.Context, orderID string) error {
	o, err := s.orders.FindByID(ctx, orderID)
	if err != nil {
		return err
	}
	if o.Status != "pending" {
		return nil
	}
	flipped, err := s.orders.MarkPaidIfPending(ctx, orderID)
	if err != nil || !flipped {
		return err
	}
	return s.ship.Ship(ctx, orderID)
}

// ApplyCredit adds store credit (read balance, write the sum).
func (s *OrderService) ApplyCredit(ctx context.Context, userID string, cents int64) error {
	bal, err := s.wallets.Balance(ctx, userID)
	if err != nil {
		return err
	}
	return s.wallets.SetBalance(ctx, userID, bal+cents) // BUG: checkthenact
}

// ApplyDebit debits when funds suffice, with a relative update.
func (s *OrderService) ApplyDebit(ctx context.Context, userID string, cents int64) error {
	bal, err := s.wallets.Balance(ctx, userID)
	if err != nil {
		return err
	}
	if bal < cents {
		return fmt.Errorf("insufficient funds: %d < %d", bal, cents)
	}
	return s.wallets.AddBalance(ctx, userID, -cents)
}

// CreatePaymentTx inserts a payment in a transaction unless one exists.
func (s *OrderService) CreatePaymentTx(ctx context.Context, evt PaymentCaptured) error {
	return txutil.WithTx(ctx, s.pool, func(tx pgx.Tx) error {
		var id string
		err := tx.QueryRow(ctx, `SELECT id FROM payments WHERE order_id = $1`, evt.OrderID).Scan(&id)
		if err == nil {
			return nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO payments (id, order_id, amount_cents, provider_ref) VALUES ($1, $2, $3, $4)`, // BUG: checkthenact
			evt.PaymentID, evt.OrderID, evt.AmountCents, evt.ProviderRef)
		return err
	})
}

// CreatePaymentTxLocked is CreatePaymentTx under an advisory lock on the order.
func (s *OrderService) CreatePaymentTxLocked(ctx context.Context, evt PaymentCaptured) error {
	return txutil.WithTx(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, evt.OrderID); err != nil {
			return err
		}
		var id string
		err := tx.QueryRow(ctx, `SELECT id FROM payments WHERE order_id = $1`, evt.OrderID).Scan(&id)
		if err == nil {
			return nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO payments (id, order_id, amount_cents, provider_ref) VALUES ($1, $2, $3, $4)`,
			evt.PaymentID, evt.OrderID, evt.AmountCents, evt.ProviderRef)
		return err
	})
}

// CreatePaymentSerializable runs the same check and insert serializably.
func (s *OrderService) CreatePaymentSerializable(ctx context.Context, evt PaymentCaptured) error {
	return txutil.WithSerializableTx(ctx, s.pool, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM payments WHERE order_id = $1`, evt.OrderID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		_, err := tx.Exec(ctx, `INSERT INTO payments (id, order_id, amount_cents, provider_ref) VALUES ($1, $2, $3, $4)`,
			evt.PaymentID, evt.OrderID, evt.AmountCents, evt.ProviderRef)
		return err
	})
}

// CreatePaymentParentLocked locks the existing order row, then checks and inserts its payment.
func (s *OrderService) CreatePaymentParentLocked(ctx context.Context, evt PaymentCaptured) error {
	return txutil.WithTx(ctx, s.pool, func(tx pgx.Tx) error {
		var status string
		if err := tx.QueryRow(ctx, `SELECT status FROM orders WHERE id = $1 FOR UPDATE`, evt.OrderID).Scan(&status); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM payments WHERE order_id = $1`, evt.OrderID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		_, err := tx.Exec(ctx, `INSERT INTO payments (id, order_id, amount_cents, provider_ref) VALUES ($1, $2, $3, $4)`,
			evt.PaymentID, evt.OrderID, evt.AmountCents, evt.ProviderRef)
		return err
	})
}

// CreateShipment creates the shipment row; FOR UPDATE on a row that does
// not exist yet locks nothing.
func (s *OrderService) CreateShipment(ctx context.Context, orderID, carrier string) error {
	return txutil.WithTx(ctx, s.pool, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `SELECT id FROM shipments WHERE order_id = $1 FOR UPDATE`, orderID).Scan(&id)
		if err == nil {
			return nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO shipments (order_id, carrier, created_at) VALUES ($1, $2, now())`, orderID, carrier) // BUG: checkthenact
		return err
	})
}

// AuditPayment writes an audit row for an order that exists (different table).
func (s *OrderService) AuditPayment(ctx context.Context, orderID string) error {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM orders WHERE id = $1`, orderID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return repo.ErrNotFound
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO audit_log (order_id, action, at) VALUES ($1, 'payment', now())`, orderID)
	return err
}
