// Package bus is a team's own message bus and ledger client.
package bus

import "context"

type Message struct{ ID, Body string }

// Subscribe runs h for every delivery, at least once.
func Subscribe(topic string, h func(context.Context, Message) error) {}

type Dedup struct{}

// Once reports whether id is seen for the first time.
func (d *Dedup) Once(ctx context.Context, id string) (bool, error) { return true, nil }

type Ledger struct{}

// Post books an entry: not idempotent.
func (l *Ledger) Post(ctx context.Context, account string, amount int64) error { return nil }
