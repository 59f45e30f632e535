// Package dunning emails customers whose invoice payment failed.
package dunning

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"example.com/billing/internal/dedup"
	"example.com/billing/internal/platform"
)

// FailedInvoice is a row of the overdue query.
type FailedInvoice struct {
	InvoiceID  string
	CustomerID string
	Email      string
	Attempt    int
	AmountDue  int64
}

// Mailer sends dunning mail.
type Mailer interface {
	Remind(ctx context.Context, inv FailedInvoice) error
}

// Notifier sends reminders at most once per failure.
type Notifier struct {
	Once  *dedup.Deduper
	Mail  Mailer
	Clock platform.Clock
	Log   *slog.Logger
}

// RemindAll is called by the scheduler every 15 minutes with the overdue invoices.
func (n *Notifier) RemindAll(ctx context.Context, invs []FailedInvoice) {
	today := n.Clock.Now().Format(time.DateOnly)
	for _, inv := range invs {
		first, err := n.Once.Once(ctx, "remind:"+inv.CustomerID+":"+today, 7*24*time.Hour) // BUG: coarsekey
		if err != nil || !first {
			continue
		}
		if err := n.Mail.Remind(ctx, inv); err != nil {
			n.Log.Error("remind", "invoice", inv.InvoiceID, "err", err)
		}
	}
}

// RemindAllV2 dedups per invoice and payment attempt.
func (n *Notifier) RemindAllV2(ctx context.Context, invs []FailedInvoice) {
	for _, inv := range invs {
		key := fmt.Sprintf("remind:%s:%d", inv.InvoiceID, inv.Attempt)
		first, err := n.Once.Once(ctx, key, 7*24*time.Hour)
		if err != nil || !first {
			continue
		}
		if err := n.Mail.Remind(ctx, inv); err != nil {
			_ = n.Once.Forget(ctx, key)
		}
	}
}

// FinalNotice sends the last warning before suspension.
func (n *Notifier) FinalNotice(ctx context.Context, inv FailedInvoice) error {
	key := "final:" + inv.Email // BUG: coarsekey
	seen, err := n.Once.Seen(ctx, key)
	if err != nil || seen {
		return err
	}
	if err := n.Mail.Remind(ctx, inv); err != nil {
		return err
	}
	_, err = n.Once.Once(ctx, key, 30*24*time.Hour)
	return err
}
