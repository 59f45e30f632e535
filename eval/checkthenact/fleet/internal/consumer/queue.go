// Package consumer runs the SQS-style consumers of the trip-events and
// driver-events queues. Delivery is at-least-once; a message is redelivered
// when its visibility timeout expires before Delete.
package consumer

import (
	"context"
	"database/sql"
	"log/slog"
	"sync"
	"time"

	"example.com/fleet/internal/metrics"
	"example.com/fleet/internal/platform"
)

// Message is what the queue hands us.
type Message struct {
	ID            string
	ReceiptHandle string
	Body          []byte
	Attributes    map[string]string
	ReceiveCount  int
}

// Queue is the minimal queue API we need.
type Queue interface {
	Receive(ctx context.Context, max int, wait time.Duration) ([]Message, error)
	Delete(ctx context.Context, receiptHandle string) error
}

type handlerFunc func(ctx context.Context, m Message) error

var (
	stmtFindProcessed *sql.Stmt
	stmtMarkProcessed *sql.Stmt
	stmtClaimMessage  *sql.Stmt
)

func init() {
	if platform.DB == nil {
		// tests / tools that don't need the DB
		return
	}
	var err error
	stmtFindProcessed, err = platform.DB.Prepare(`SELECT 1 FROM processed_messages WHERE message_id = $1`)
	if err != nil {
		slog.Error("prepare find processed", "err", err)
	}
	stmtMarkProcessed, err = platform.DB.Prepare(`INSERT INTO processed_messages (message_id, processed_at) VALUES ($1, now())`)
	if err != nil {
		slog.Error("prepare mark processed", "err", err)
	}
	stmtClaimMessage, err = platform.DB.Prepare(`INSERT INTO processed_messages (message_id, processed_at) VALUES ($1, now()) ON CONFLICT (message_id) DO NOTHING`)
	if err != nil {
		slog.Error("prepare claim message", "err", err)
	}
}

// Run polls q with n workers until ctx is done.
func Run(ctx context.Context, q Queue, workers int, h handlerFunc) {
	msgs := make(chan Message)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range msgs {
				hctx, cancel := context.WithTimeout(ctx, 30*time.Second)
				if err := h(hctx, m); err != nil {
					slog.Error("handler failed; will be redelivered", "msg_id", m.ID, "receive_count", m.ReceiveCount, "err", err)
					cancel()
					continue
				}
				cancel()
				if err := q.Delete(ctx, m.ReceiptHandle); err != nil {
					slog.Warn("delete failed; message will be redelivered", "msg_id", m.ID, "err", err)
				}
				metrics.MessagesHandled.Add(1)
			}
		}()
	}
	for ctx.Err() == nil {
		batch, err := q.Receive(ctx, 10, 20*time.Second)
		if err != nil {
			slog.Error("receive failed", "err", err)
			time.Sleep(time.Second)
			continue
		}
		for _, m := range batch {
			msgs <- m
		}
	}
	close(msgs)
	wg.Wait()
}
