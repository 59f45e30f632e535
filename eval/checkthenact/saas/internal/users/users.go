// Package users manages accounts (pgx/v5).
package users

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrEmailTaken is returned on signup with a registered email.
var ErrEmailTaken = errors.New("users: email already registered")

// Repo is the user repository.
type Repo struct {
	pool *pgxpool.Pool
}

// New returns a Repo.
func New(pool *pgxpool.Pool) *Repo { return &Repo{pool: pool} }

// Signup registers a new account (v1 endpoint, still used by the mobile app).
func (r *Repo) Signup(ctx context.Context, email, name string) (int64, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	var taken bool
	if err := r.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE email = $1)`, email).Scan(&taken); err != nil {
		return 0, err
	}
	if taken {
		return 0, ErrEmailTaken
	}
	var id int64
	err := r.pool.QueryRow(ctx, `INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id`, email, name).Scan(&id) // BUG: checkthenact
	return id, err
}

// SignupV2 lets the unique index arbitrate and maps the violation.
func (r *Repo) SignupV2(ctx context.Context, email, name string) (int64, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	var taken bool
	if err := r.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE email = $1)`, email).Scan(&taken); err != nil {
		return 0, err
	}
	if taken {
		return 0, ErrEmailTaken
	}
	var id int64
	err := r.pool.QueryRow(ctx, `INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id`, email, name).Scan(&id)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return 0, ErrEmailTaken
	}
	return id, err
}

// FindOrCreateByOIDC links an identity-provider subject to a user, upserting.
func (r *Repo) FindOrCreateByOIDC(ctx context.Context, issuer, subject, email string) (int64, error) {
	var id int64
	err := r.pool.QueryRow(ctx, `SELECT user_id FROM identities WHERE issuer = $1 AND subject = $2`, issuer, subject).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, err
	}
	err = r.pool.QueryRow(ctx, `INSERT INTO identities (issuer, subject, email) VALUES ($1, $2, $3) ON CONFLICT (issuer, subject) DO UPDATE SET email = EXCLUDED.email RETURNING user_id`, issuer, subject, email).Scan(&id)
	return id, err
}

// Rename updates the display name; the profile is read for the change event.
func (r *Repo) Rename(ctx context.Context, userID int64, name string) (string, error) {
	var old string
	if err := r.pool.QueryRow(ctx, `SELECT name FROM users WHERE id = $1`, userID).Scan(&old); err != nil {
		return "", err
	}
	if old == name {
		return old, nil
	}
	_, err := r.pool.Exec(ctx, `UPDATE users SET name = $1, updated_at = now() WHERE id = $2`, name, userID)
	return old, err
}

// AddAlias attaches a secondary email; the audit row goes to another table.
func (r *Repo) AddAlias(ctx context.Context, userID int64, alias string) error {
	var owner int64
	err := r.pool.QueryRow(ctx, `SELECT user_id FROM email_aliases WHERE alias = $1`, alias).Scan(&owner)
	if err == nil {
		return ErrEmailTaken
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	if _, err := r.pool.Exec(ctx, `INSERT INTO audit_log (user_id, action, detail) VALUES ($1, 'alias.requested', $2)`, userID, alias); err != nil {
		return err
	}
	_, err = r.pool.Exec(ctx, `INSERT INTO email_aliases (alias, user_id) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING`, alias, userID)
	return err
}
