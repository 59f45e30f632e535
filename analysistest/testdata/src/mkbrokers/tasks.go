package mkbrokers

import (
	"context"
	"database/sql"
	"time"

	"cloud.google.com/go/pubsub/v2"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

type tasks struct {
	db     *sql.DB
	rdb    *redis.Client
	client *asynq.Client
}

// A Pub/Sub Receive callback.
func (t *tasks) receive(ctx context.Context, sub *pubsub.Subscriber) error {
	return sub.Receive(ctx, func(ctx context.Context, m *pubsub.Message) {
		t.db.ExecContext(ctx, "INSERT INTO clicks (id) VALUES ($1)", m.ID) // want `Pub/Sub subscriber inserts into clicks with no dedup claim`
		m.Ack()
	})
}

// A Pub/Sub callback that claims the message id.
func (t *tasks) receiveClaimed(ctx context.Context, sub *pubsub.Subscriber) error {
	return sub.Receive(ctx, func(ctx context.Context, m *pubsub.Message) {
		defer m.Ack()
		if !t.rdb.SetNX(ctx, "ps:"+m.ID, 1, 24*time.Hour).Val() {
			return
		}
		t.db.ExecContext(ctx, "INSERT INTO clicks (id) VALUES ($1)", m.ID)
	})
}

// asynq handlers registered by HandleFunc.
func (t *tasks) routes(mux *asynq.ServeMux) {
	mux.HandleFunc("email:send", t.sendEmail)
	mux.HandleFunc("email:welcome", t.sendWelcome)
	mux.Handle("invoice:charge", &chargeHandler{db: t.db})
}

func (t *tasks) sendEmail(ctx context.Context, task *asynq.Task) error {
	_, err := t.client.Enqueue(asynq.NewTask("email:deliver", task.Payload())) // want `asynq task handler publishes with Enqueue with no dedup claim`
	return err
}

// Enqueued with a TaskID: the server dedups it.
func (t *tasks) sendWelcome(ctx context.Context, task *asynq.Task) error {
	_, err := t.client.Enqueue(asynq.NewTask("email:deliver", task.Payload()), asynq.TaskID("welcome:"+string(task.Payload())))
	return err
}

type chargeHandler struct{ db *sql.DB }

// A Handler implementation: ProcessTask is the entry point.
func (h *chargeHandler) ProcessTask(ctx context.Context, task *asynq.Task) error {
	_, err := h.db.ExecContext(ctx, "UPDATE wallets SET balance = balance - 1 WHERE id = $1", string(task.Payload())) // want `asynq task handler updates wallets relative to its current value`
	return err
}

type auditHandler struct{ db *sql.DB }

// A DELETE is idempotent.
func (h *auditHandler) ProcessTask(ctx context.Context, task *asynq.Task) error {
	_, err := h.db.ExecContext(ctx, "DELETE FROM sessions WHERE id = $1", string(task.Payload()))
	return err
}
