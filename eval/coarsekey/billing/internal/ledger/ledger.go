// Package ledger books wallet movements in Postgres and serves statements.
package ledger

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"

	"example.com/billing/internal/keys"
	"example.com/billing/internal/platform"
)

// ErrDuplicate is returned when the posting was already booked.
var ErrDuplicate = errors.New("ledger: duplicate posting")

// Posting moves cents between two accounts.
type Posting struct {
	AccountID    string
	Counterparty string
	Cents        int64
	Memo         string
	ReferenceID  string
}

// Ledger books postings.
type Ledger struct {
	DB    *pgxpool.Pool
	Clock platform.Clock
}

// BookFee books the platform fee taken on one card transaction (p.ReferenceID).
func (l *Ledger) BookFee(ctx context.Context, p Posting) error {
	key := p.AccountID + ":" + l.Clock.Now().Format(time.DateOnly) // BUG: coarsekey
	return pgx.BeginFunc(ctx, l.DB, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO ledger_idempotency (key, created_at) VALUES ($1, now()) ON CONFLICT (key) DO NOTHING`, key)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return ErrDuplicate
		}
		_, err = tx.Exec(ctx, `INSERT INTO postings (account_id, counterparty, cents, memo) VALUES ($1, $2, $3, $4)`,
			p.AccountID, p.Counterparty, p.Cents, p.Memo)
		return err
	})
}

// Book books a posting that carries the caller's reference id.
func (l *Ledger) Book(ctx context.Context, p Posting) error {
	return pgx.BeginFunc(ctx, l.DB, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO ledger_idempotency (key, created_at) VALUES ($1, now()) ON CONFLICT (key) DO NOTHING`,
			fmt.Sprintf("%s:%s", p.AccountID, p.ReferenceID))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return ErrDuplicate
		}
		_, err = tx.Exec(ctx, `INSERT INTO postings (account_id, counterparty, cents, memo, reference_id) VALUES ($1, $2, $3, $4, $5)`,
			p.AccountID, p.Counterparty, p.Cents, p.Memo, p.ReferenceID)
		return err
	})
}

// AlreadyBooked reports whether a reference was booked for the account.
func (l *Ledger) AlreadyBooked(ctx context.Context, accountID, referenceID string) (bool, error) {
	var ok bool
	err := l.DB.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM ledger_idempotency WHERE key = $1)`, accountID+":"+referenceID).Scan(&ok)
	return ok, err
}

// InterestPosted reports whether today's interest was credited, checked before each credit.
func (l *Ledger) InterestPosted(ctx context.Context, accountID string) (bool, error) {
	var ok bool
	y, m, d := l.Clock.Now().Date()
	err := l.DB.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM ledger_idempotency WHERE key = $1)`, fmt.Sprintf("interest:%s:%04d%02d%02d", accountID, y, m, d)).Scan(&ok) // AMBIG: coarsekey
	return ok, err
}

// Renderer builds a statement PDF from the ledger.
type Renderer interface {
	Render(ctx context.Context, accountID string, month time.Time) ([]byte, error)
}

// Statements serves monthly account statements, cached in Redis.
type Statements struct {
	RDB      redis.UniversalClient
	Renderer Renderer
}

// Get returns the cached statement, rendering it on a miss.
func (s *Statements) Get(ctx context.Context, accountID string, month time.Time) ([]byte, error) {
	key := keys.StatementCacheKey(accountID, month)
	pdf, err := s.RDB.Get(ctx, key).Bytes()
	if err == nil {
		return pdf, nil
	}
	if !errors.Is(err, redis.Nil) {
		return nil, err
	}
	pdf, err = s.Renderer.Render(ctx, accountID, month)
	if err != nil {
		return nil, err
	}
	s.RDB.Set(ctx, key, pdf, 6*time.Hour)
	return pdf, nil
}

// Summary caches today's balance summary for the dashboard.
func (s *Statements) Summary(ctx context.Context, userID string, load func(context.Context) (string, error)) (string, error) {
	key := "stmt:summary:" + userID + ":" + time.Now().Format(time.DateOnly)
	v, err := s.RDB.Get(ctx, key).Result()
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	v, err = load(ctx)
	if err != nil {
		return "", err
	}
	s.RDB.Set(ctx, key, v, 15*time.Minute)
	return v, nil
}

// CountDownload tracks statement downloads per user per day for the usage dashboard.
func (s *Statements) CountDownload(ctx context.Context, userID string) {
	k := "stmt:dl:" + userID + ":" + time.Now().Format("2006-01-02")
	pipe := s.RDB.Pipeline()
	pipe.Incr(ctx, k)
	pipe.Expire(ctx, k, 48*time.Hour)
	_, _ = pipe.Exec(ctx)
}
