package mkconfig

import (
	"context"

	"mkconfig/bus"
)

type svc struct {
	d *bus.Dedup
	l *bus.Ledger
}

func (s *svc) start() {
	bus.Subscribe("payments", s.onPayment)
	bus.Subscribe("refunds", s.onRefund)
}

func (s *svc) onPayment(ctx context.Context, m bus.Message) error {
	return s.l.Post(ctx, m.Body, 100) // want `consumer calls \(\*mkconfig/bus.Ledger\).Post with no dedup claim`
}

func (s *svc) onRefund(ctx context.Context, m bus.Message) error {
	ok, err := s.d.Once(ctx, m.ID)
	if err != nil || !ok {
		return err
	}
	return s.l.Post(ctx, m.Body, -100)
}

// Declared a handler by name.
func (s *svc) Reconcile(ctx context.Context, m bus.Message) error {
	return s.l.Post(ctx, m.Body, 0) // want `consumer calls \(\*mkconfig/bus.Ledger\).Post with no dedup claim`
}

// Not declared: a plain function.
func (s *svc) adjust(ctx context.Context, m bus.Message) error {
	return s.l.Post(ctx, m.Body, 1)
}
