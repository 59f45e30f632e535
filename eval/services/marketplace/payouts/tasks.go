// Package payouts pays sellers out through Stripe Connect. Payouts run as
// asynq tasks; asynq retries a task whose handler returns an error or whose
// worker dies mid-way.
package payouts

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/transfer"

	"example.com/marketplace/internal/config"
	"example.com/marketplace/internal/keys"
)

// Task types.
const (
	TypeScheduledPayout = "payout:scheduled"
	TypeInstantPayout   = "payout:instant"
	TypeManualPayout    = "payout:manual"
	TypePayoutCompleted = "payout:completed"
	TypePayoutReversal  = "payout:reversal"
	TypeBalanceCredit   = "balance:credit"
	TypeBalanceDebit    = "balance:debit"
)

// Payout is the payload of every payout task.
type Payout struct {
	RequestID     string `json:"request_id"`
	SellerID      string `json:"seller_id"`
	StripeAccount string `json:"stripe_account"`
	AmountCents   int64  `json:"amount_cents"`
}

// Handlers processes payout tasks.
type Handlers struct {
	db    *sql.DB
	rdb   redis.Cmdable
	queue *asynq.Client
}

// NewHandlers wires the handlers.
func NewHandlers(db *sql.DB, rdb redis.Cmdable, queue *asynq.Client) *Handlers {
	return &Handlers{db: db, rdb: rdb, queue: queue}
}

// Register installs the handlers on mux.
func (h *Handlers) Register(mux *asynq.ServeMux) {
	mux.HandleFunc(TypeScheduledPayout, h.scheduledPayout)
	mux.HandleFunc(TypeInstantPayout, h.instantPayout)
	mux.HandleFunc(TypeManualPayout, h.manualPayout)
	mux.HandleFunc(TypePayoutCompleted, h.payoutCompleted)
	mux.HandleFunc(TypePayoutReversal, h.payoutReversal)
	mux.HandleFunc(TypeBalanceCredit, h.balanceCredit)
	mux.HandleFunc(TypeBalanceDebit, h.balanceDebit)
}

func decode(t *asynq.Task) (Payout, error) {
	var p Payout
	err := json.Unmarshal(t.Payload(), &p)
	return p, err
}

func transferParams(p Payout) *stripe.TransferParams {
	return &stripe.TransferParams{
		Amount:      stripe.Int64(p.AmountCents),
		Currency:    stripe.String(string(stripe.CurrencyUSD)),
		Destination: stripe.String(p.StripeAccount),
	}
}

// scheduledPayout pays out the seller's weekly balance.
func (h *Handlers) scheduledPayout(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t)
	if err != nil {
		return fmt.Errorf("%v: %w", err, asynq.SkipRetry)
	}
	_, err = transfer.New(transferParams(p)) // BUG: missingkey
	return err
}

// instantPayout pays out on the seller's request ("cash out now"). A seller
// can cash out several times a day.
func (h *Handlers) instantPayout(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t)
	if err != nil {
		return fmt.Errorf("%v: %w", err, asynq.SkipRetry)
	}
	params := transferParams(p)
	params.SetIdempotencyKey(keys.PayoutKey(p.SellerID, time.Now()))
	_, err = transfer.New(params)
	return err
}

// manualPayout is triggered by finance; the request id is the key and a row
// in payouts records it.
func (h *Handlers) manualPayout(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t)
	if err != nil {
		return fmt.Errorf("%v: %w", err, asynq.SkipRetry)
	}
	var exists bool
	if err := h.db.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM payouts WHERE request_id = $1)", p.RequestID).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	params := transferParams(p)
	params.SetIdempotencyKey("manual-payout-" + p.RequestID)
	tr, err := transfer.New(params)
	if err != nil {
		return err
	}
	_, err = h.db.ExecContext(ctx, "INSERT INTO payouts (request_id, seller_id, transfer_id, amount_cents) VALUES ($1, $2, $3, $4)", p.RequestID, p.SellerID, tr.ID, p.AmountCents) // BUG: checkthenact
	return err
}

// payoutCompleted tells the seller the money is on its way.
func (h *Handlers) payoutCompleted(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t)
	if err != nil {
		return fmt.Errorf("%v: %w", err, asynq.SkipRetry)
	}
	_, err = h.queue.EnqueueContext(ctx, asynq.NewTask("email:payout-sent", t.Payload())) // BUG: missingkey
	if err != nil {
		return err
	}
	_, err = h.queue.EnqueueContext(ctx, asynq.NewTask("sms:payout-sent", t.Payload()), asynq.TaskID("sms:payout-sent:"+p.RequestID))
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		return nil
	}
	return err
}

// payoutReversal claws back a payout; a claim on the request id guards it.
func (h *Handlers) payoutReversal(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t)
	if err != nil {
		return fmt.Errorf("%v: %w", err, asynq.SkipRetry)
	}
	err = h.rdb.SetArgs(ctx, "payout:reversal:"+p.RequestID, 1, redis.SetArgs{Mode: "NX", TTL: 30 * time.Minute}).Err() // BUG: dedupttl
	if errors.Is(err, redis.Nil) {
		return nil // already reversed
	}
	if err != nil {
		return err
	}
	_, err = h.db.ExecContext(ctx, "INSERT INTO payout_reversals (request_id, seller_id, amount_cents) VALUES ($1, $2, $3)", p.RequestID, p.SellerID, p.AmountCents)
	return err
}

// balanceCredit adds a settled order to the seller's balance.
func (h *Handlers) balanceCredit(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t)
	if err != nil {
		return fmt.Errorf("%v: %w", err, asynq.SkipRetry)
	}
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "INSERT INTO processed_tasks (task_key) VALUES ($1) ON CONFLICT DO NOTHING", "credit:"+p.RequestID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE seller_balances SET balance_cents = balance_cents + $1 WHERE seller_id = $2", p.AmountCents, p.SellerID); err != nil {
		return err
	}
	return tx.Commit()
}

// balanceDebit takes a fee off the seller's balance.
func (h *Handlers) balanceDebit(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t)
	if err != nil {
		return fmt.Errorf("%v: %w", err, asynq.SkipRetry)
	}
	ok, err := h.rdb.SetNX(ctx, "processed:debit:"+p.RequestID, 1, config.DedupWindow).Result()
	if err != nil || !ok {
		return err
	}
	var balance int64
	if err := h.db.QueryRowContext(ctx, "SELECT balance_cents FROM seller_balances WHERE seller_id = $1", p.SellerID).Scan(&balance); err != nil {
		return err
	}
	_, err = h.db.ExecContext(ctx, "UPDATE seller_balances SET balance_cents = $1 WHERE seller_id = $2", balance-p.AmountCents, p.SellerID) // BUG: checkthenact
	return err
}
