// Package kafkac consumes with segmentio/kafka-go.
package kafkac

import (
	"context"

	"github.com/segmentio/kafka-go"

	"example.com/missingmod/store"
)

// Run inserts every message: a redelivery inserts again.
func Run(ctx context.Context, r *kafka.Reader, st *store.Store) error {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		st.SavePayment(ctx, string(m.Key)) // want missingkey
	}
}

// RunClaimed claims first.
func RunClaimed(ctx context.Context, r *kafka.Reader, st *store.Store, w *kafka.Writer) error {
	for {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return err
		}
		if ok, err := st.Claim(ctx, string(m.Key)); err != nil || !ok {
			continue
		}
		w.WriteMessages(ctx, kafka.Message{Key: m.Key, Value: m.Value})
		r.CommitMessages(ctx, m)
	}
}

// Forward publishes every message again.
func Forward(ctx context.Context, r *kafka.Reader, w *kafka.Writer) error {
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		w.WriteMessages(ctx, kafka.Message{Key: m.Key, Value: m.Value}) // want missingkey
	}
}
