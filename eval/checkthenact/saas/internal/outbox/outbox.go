// Package outbox implements the transactional outbox and inbox on Postgres (pgx).
package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Msg is one outbox row.
type Msg struct {
	ID      int64
	Topic   string
	Payload json.RawMessage
}

// Publisher sends a message to the broker.
type Publisher interface {
	Publish(ctx context.Context, topic string, key string, payload []byte) error
}

// Outbox relays rows to the broker.
type Outbox struct {
	pool *pgxpool.Pool
	pub  Publisher
}

// New returns an Outbox.
func New(pool *pgxpool.Pool, pub Publisher) *Outbox { return &Outbox{pool: pool, pub: pub} }

// Add writes a message in the caller's transaction, next to the business change.
func Add(ctx context.Context, tx pgx.Tx, topic string, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO outbox (topic, payload, status, created_at) VALUES ($1, $2, 'pending', now())`, topic, b)
	return err
}

const claimSQL = `
UPDATE outbox SET status = 'sending', locked_at = now()
WHERE id IN (
  SELECT id FROM outbox WHERE status = 'pending' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
RETURNING id, topic, payload`

// Claim takes a batch of pending rows for this relay.
func (o *Outbox) Claim(ctx context.Context, batch int) ([]Msg, error) {
	rows, err := o.pool.Query(ctx, claimSQL, batch)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Msg, error) {
		var m Msg
		err := r.Scan(&m.ID, &m.Topic, &m.Payload)
		return m, err
	})
}

// RelayOnce publishes one claimed batch and marks each row sent.
func (o *Outbox) RelayOnce(ctx context.Context) (int, error) {
	msgs, err := o.Claim(ctx, 100)
	if err != nil {
		return 0, err
	}
	for _, m := range msgs {
		if err := o.pub.Publish(ctx, m.Topic, "outbox-"+itoa(m.ID), m.Payload); err != nil {
			_, _ = o.pool.Exec(ctx, `UPDATE outbox SET status = 'pending' WHERE id = $1 AND status = 'sending'`, m.ID)
			continue
		}
		if _, err := o.pool.Exec(ctx, `UPDATE outbox SET status = 'sent', sent_at = now() WHERE id = $1 AND status = 'sending'`, m.ID); err != nil {
			return 0, err
		}
	}
	return len(msgs), nil
}

// RelayPolling is the relay for deployments without SKIP LOCKED support (CockroachDB
// in the old region): it reads pending rows, then flips each one conditionally.
func (o *Outbox) RelayPolling(ctx context.Context) error {
	rows, err := o.pool.Query(ctx, `SELECT id, topic, payload FROM outbox WHERE status = 'pending' ORDER BY id LIMIT 50`)
	if err != nil {
		return err
	}
	msgs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Msg])
	if err != nil {
		return err
	}
	for _, m := range msgs {
		tag, err := o.pool.Exec(ctx, `UPDATE outbox SET status = 'sending', locked_at = now() WHERE id = $1 AND status = 'pending'`, m.ID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			continue // another relay took it
		}
		if err := o.pub.Publish(ctx, m.Topic, "outbox-"+itoa(m.ID), m.Payload); err != nil {
			return err
		}
		_, _ = o.pool.Exec(ctx, `UPDATE outbox SET status = 'sent', sent_at = now() WHERE id = $1`, m.ID)
	}
	return nil
}

// Requeue returns rows stuck in 'sending' to 'pending'.
func (o *Outbox) Requeue(ctx context.Context, olderThan time.Duration) (int64, error) {
	tag, err := o.pool.Exec(ctx, `UPDATE outbox SET status = 'pending' WHERE status = 'sending' AND locked_at < $1`, time.Now().Add(-olderThan))
	return tag.RowsAffected(), err
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// Inbox dedups consumed messages by id.
type Inbox struct {
	pool *pgxpool.Pool
}

// NewInbox returns an Inbox.
func NewInbox(pool *pgxpool.Pool) *Inbox { return &Inbox{pool: pool} }

// Handle runs fn once per message id: the INSERT ... ON CONFLICT in the same tx is the claim.
func (i *Inbox) Handle(ctx context.Context, msgID string, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, i.pool, func(tx pgx.Tx) error {
		var seen bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM inbox WHERE message_id = $1)`, msgID).Scan(&seen); err != nil {
			return err
		}
		if seen {
			return nil
		}
		tag, err := tx.Exec(ctx, `INSERT INTO inbox (message_id, received_at) VALUES ($1, now()) ON CONFLICT (message_id) DO NOTHING`, msgID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return nil
		}
		return fn(tx)
	})
}

// HandleLegacy is what the billing consumer still calls.
func (i *Inbox) HandleLegacy(ctx context.Context, msgID string, fn func(context.Context) error) error {
	var receivedAt time.Time
	err := i.pool.QueryRow(ctx, `SELECT received_at FROM inbox WHERE message_id = $1`, msgID).Scan(&receivedAt)
	if err == nil {
		return nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	if err := fn(ctx); err != nil {
		return err
	}
	_, err = i.pool.Exec(ctx, `INSERT INTO inbox (message_id, received_at) VALUES ($1, now())`, msgID) // BUG: checkthenact
	return err
}
