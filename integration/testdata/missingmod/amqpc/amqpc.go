// Package amqpc consumes with rabbitmq/amqp091-go.
package amqpc

import (
	"context"
	"database/sql"

	amqp "github.com/rabbitmq/amqp091-go"
)

// Run inserts a shipment per delivery.
func Run(ctx context.Context, ch *amqp.Channel, db *sql.DB) error {
	msgs, err := ch.ConsumeWithContext(ctx, "orders", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		db.ExecContext(ctx, "INSERT INTO shipments (order_id) VALUES ($1)", d.MessageId) // want missingkey
		d.Ack(false)
	}
	return nil
}

// RunInbox claims in the same transaction.
func RunInbox(ctx context.Context, ch *amqp.Channel, db *sql.DB) error {
	msgs, err := ch.Consume("orders", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO inbox (id) VALUES ($1) ON CONFLICT DO NOTHING", d.MessageId)
		if err != nil {
			tx.Rollback()
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			tx.ExecContext(ctx, "INSERT INTO shipments (order_id) VALUES ($1)", d.MessageId)
		}
		tx.Commit()
		d.Ack(false)
	}
	return nil
}
