package dedup

import (
	"context"
	"database/sql"
)

type Ledger struct {
	db *sql.DB
}

func NewLedger(db *sql.DB) *Ledger { return &Ledger{db: db} }

// Record inserts (source, id) once. It reports false for a duplicate.
func (l *Ledger) Record(ctx context.Context, source, id string) (bool, error) {
	res, err := l.db.ExecContext(ctx,
		`INSERT INTO processed_events (source, event_id, received_at)
		 VALUES ($1, $2, now())
		 ON CONFLICT (source, event_id) DO NOTHING`, source, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
