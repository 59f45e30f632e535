// Package saramac consumes with IBM/sarama.
package saramac

import (
	"database/sql"

	"github.com/IBM/sarama"
)

// Handler is a ConsumerGroupHandler.
type Handler struct {
	DB   *sql.DB
	Prod sarama.SyncProducer
}

var _ sarama.ConsumerGroupHandler = (*Handler)(nil)

func (h *Handler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h *Handler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

// ConsumeClaim forwards each message and records it.
func (h *Handler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		h.Prod.SendMessage(&sarama.ProducerMessage{Topic: "out", Value: sarama.ByteEncoder(msg.Value)}) // want missingkey
		h.DB.Exec("INSERT INTO events (id) VALUES ($1) ON CONFLICT DO NOTHING", string(msg.Key))
		sess.MarkMessage(msg, "")
	}
	return nil
}
