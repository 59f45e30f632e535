// Package ckwrapuse claims coarse keys through a wrapper of another package that
// puts its namespace prefix before them.
package ckwrapuse

import (
	"context"
	"time"

	"ckdedupwrap"
)

type Notifier struct{ once *ckdedupwrap.Deduper }

// positive: the wrapper's prefix is the same for every operation; what the
// caller passes is only the customer and the day.
func (n *Notifier) Remind(ctx context.Context, customerID string) {
	today := time.Now().Format(time.DateOnly)
	n.once.Once(ctx, "remind:"+customerID+":"+today, 7*24*time.Hour) // want `dedup key .* is built only from the customer id and the calendar day`
}

// negative twin: a wrapper field that is no namespace (scope) may tell
// operations apart: unknown, never coarse.
func (n *Notifier) RemindScoped(ctx context.Context, customerID string) {
	today := time.Now().Format(time.DateOnly)
	n.once.Scoped(ctx, "remind:"+customerID+":"+today, 7*24*time.Hour)
}

// negative twin: the invoice id through the same wrapper.
func (n *Notifier) RemindInvoice(ctx context.Context, customerID, invoiceID string) {
	n.once.Once(ctx, "remind:"+customerID+":"+invoiceID, 7*24*time.Hour)
}
