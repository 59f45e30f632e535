package ctarepo

import (
	"context"
	"database/sql"
)

// Dedup keeps statements prepared once in its constructor.
type Dedup struct {
	seen   *sql.Stmt
	mark   *sql.Stmt
	markNX *sql.Stmt
}

func NewDedup(db *sql.DB) (*Dedup, error) {
	d := &Dedup{}
	var err error
	if d.seen, err = db.Prepare(`SELECT 1 FROM processed WHERE event_id = $1`); err != nil {
		return nil, err
	}
	if d.mark, err = db.Prepare(`INSERT INTO processed (event_id) VALUES ($1)`); err != nil {
		return nil, err
	}
	d.markNX, err = db.Prepare(`INSERT INTO processed (event_id) VALUES ($1) ON CONFLICT DO NOTHING`)
	return d, err
}

// handle checks and inserts through the stored statements.
func (d *Dedup) handle(ctx context.Context, id string) error {
	var one int
	if err := d.seen.QueryRowContext(ctx, id).Scan(&one); err != sql.ErrNoRows {
		return err
	}
	_, err := d.mark.ExecContext(ctx, id) // want `SELECT then INSERT of processed.event_id = id is not atomic`
	return err
}

// handleNX inserts with the ON CONFLICT statement.
func (d *Dedup) handleNX(ctx context.Context, id string) error {
	var one int
	if err := d.seen.QueryRowContext(ctx, id).Scan(&one); err != sql.ErrNoRows {
		return err
	}
	_, err := d.markNX.ExecContext(ctx, id)
	return err
}

var seenStmt, markStmt *sql.Stmt

func prepareGlobals(db *sql.DB) {
	seenStmt, _ = db.Prepare(`SELECT 1 FROM processed WHERE event_id = ?`)
	markStmt, _ = db.Prepare(`INSERT INTO processed (event_id) VALUES (?)`)
}

// handleGlobal uses statements prepared into package variables.
func handleGlobal(id string) error {
	var one int
	if err := seenStmt.QueryRow(id).Scan(&one); err == nil {
		return nil
	}
	_, err := markStmt.Exec(id) // want `SELECT then INSERT of processed.event_id = id is not atomic`
	return err
}
