package dedup

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Inbox is the transactional inbox: the processed_messages row commits with the
// consumer's own writes or not at all.
type Inbox struct {
	pool     *pgxpool.Pool
	consumer string
}

func NewInbox(pool *pgxpool.Pool, consumer string) *Inbox {
	return &Inbox{pool: pool, consumer: consumer}
}

// Begin opens a transaction and records msgID in it. fresh is false (and tx nil)
// when the message was already processed.
func (in *Inbox) Begin(ctx context.Context, msgID string) (tx pgx.Tx, fresh bool, err error) {
	tx, err = in.pool.Begin(ctx)
	if err != nil {
		return nil, false, err
	}
	tag, err := tx.Exec(ctx,
		`INSERT INTO processed_messages (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		in.consumer, msgID)
	if err != nil {
		_ = tx.Rollback(ctx)
		return nil, false, err
	}
	if tag.RowsAffected() == 0 {
		_ = tx.Rollback(ctx)
		return nil, false, nil
	}
	return tx, true, nil
}
