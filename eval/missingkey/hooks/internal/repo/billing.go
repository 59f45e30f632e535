// Package repo is the Postgres access of the hooks service.
package repo

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Invoice struct {
	ID          string
	CustomerID  string
	AmountCents int64
	Currency    string
	PaidAt      time.Time
}

// Billing stores what payment providers tell us.
type Billing struct {
	Pool *pgxpool.Pool
}

// RecordPayment appends a payment row for an invoice.
func (b *Billing) RecordPayment(ctx context.Context, inv Invoice) error {
	_, err := b.Pool.Exec(ctx,
		`INSERT INTO invoice_payments (invoice_id, customer_id, amount_cents, currency, paid_at) VALUES ($1, $2, $3, $4, $5)`,
		inv.ID, inv.CustomerID, inv.AmountCents, inv.Currency, inv.PaidAt)
	return err
}

// MarkInvoicePaid sets the invoice status.
func (b *Billing) MarkInvoicePaid(ctx context.Context, invoiceID string) error {
	_, err := b.Pool.Exec(ctx, `UPDATE invoices SET status = 'paid', paid_at = now() WHERE id = $1`, invoiceID)
	return err
}

// UpsertCustomer mirrors the provider's customer record.
func (b *Billing) UpsertCustomer(ctx context.Context, id, email, name string) error {
	_, err := b.Pool.Exec(ctx, `
		INSERT INTO customers (id, email, name) VALUES ($1, $2, $3)
		ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, name = EXCLUDED.name`, id, email, name)
	return err
}

// CancelSubscription removes an ended subscription.
func (b *Billing) CancelSubscription(ctx context.Context, subID string) error {
	_, err := b.Pool.Exec(ctx, `DELETE FROM subscriptions WHERE id = $1`, subID)
	return err
}

// AddSeats grows the seat count of a subscription.
func (b *Billing) AddSeats(ctx context.Context, subID string, n int64) error {
	_, err := b.Pool.Exec(ctx, `UPDATE subscriptions SET seats = seats + $1 WHERE id = $2`, n, subID)
	return err
}

// ClaimEvent records a provider event id; false means we saw it before.
func (b *Billing) ClaimEvent(ctx context.Context, provider, eventID string) (bool, error) {
	tag, err := b.Pool.Exec(ctx,
		`INSERT INTO webhook_events (provider, event_id, received_at) VALUES ($1, $2, now()) ON CONFLICT (provider, event_id) DO NOTHING`,
		provider, eventID)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// EventSeen reports whether the event was stored.
func (b *Billing) EventSeen(ctx context.Context, provider, eventID string) (bool, error) {
	var ok bool
	err := b.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM webhook_events WHERE provider = $1 AND event_id = $2)`, provider, eventID).Scan(&ok)
	return ok, err
}
