// Package repo is the Postgres persistence layer of the order service.
package repo

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// EventRepo records which broker events have been processed.
type EventRepo struct {
	pool *pgxpool.Pool
}

func NewEventRepo(pool *pgxpool.Pool) *EventRepo { return &EventRepo{pool: pool} }

// IsProcessed reports whether eventID was already handled.
func (r *EventRepo) IsProcessed(ctx context.Context, eventID string) (bool, error) {
	var ok bool
	err := r.pool.QueryRow(ctx,
		`SELECT EXISTS(SELECT 1 FROM processed_events WHERE event_id = $1)`, eventID).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("is processed %s: %w", eventID, err)
	}
	return ok, nil
}

// MarkProcessed records eventID as handled.
func (r *EventRepo) MarkProcessed(ctx context.Context, eventID, consumer string) error {
	_, err := r.pool.Exec(ctx,
		`INSERT INTO processed_events (event_id, consumer, processed_at) VALUES ($1, $2, now())`,
		eventID, consumer)
	return err
}

// Claim inserts the event row and reports whether this call created it.
func (r *EventRepo) Claim(ctx context.Context, eventID, consumer string) (bool, error) {
	tag, err := r.pool.Exec(ctx,
		`INSERT INTO processed_events (event_id, consumer, processed_at) VALUES ($1, $2, now())
		 ON CONFLICT (event_id) DO NOTHING`, eventID, consumer)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// ClaimStrict inserts the row without ON CONFLICT and maps the unique
// violation to "already claimed".
func (r *EventRepo) ClaimStrict(ctx context.Context, eventID, consumer string) (bool, error) {
	_, err := r.pool.Exec(ctx,
		`INSERT INTO processed_events (event_id, consumer, processed_at) VALUES ($1, $2, now())`,
		eventID, consumer)
	if err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23505" {
			return false, nil
		}
		return false, err
	}
	return true, nil
}
