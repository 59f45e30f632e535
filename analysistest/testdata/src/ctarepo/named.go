package ctarepo

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

type Shipment struct {
	OrderID string `db:"order_id"`
	Carrier string `db:"carrier"`
}

// namedInsert checks by order and inserts a struct bound by db tags.
func namedInsert(ctx context.Context, db *sqlx.DB, s Shipment) error {
	var n int
	if err := db.GetContext(ctx, &n, `SELECT count(*) FROM shipments WHERE order_id = $1`, s.OrderID); err != nil || n > 0 {
		return err
	}
	_, err := db.NamedExecContext(ctx, `INSERT INTO shipments (order_id, carrier) VALUES (:order_id, :carrier)`, s) // want `SELECT then INSERT of shipments.order_id = s.OrderID is not atomic`
	return err
}

// namedInsertOnConflict is the claim.
func namedInsertOnConflict(ctx context.Context, db *sqlx.DB, s Shipment) error {
	var n int
	if err := db.GetContext(ctx, &n, `SELECT count(*) FROM shipments WHERE order_id = $1`, s.OrderID); err != nil || n > 0 {
		return err
	}
	_, err := db.NamedExecContext(ctx, `INSERT INTO shipments (order_id, carrier) VALUES (:order_id, :carrier) ON CONFLICT (order_id) DO NOTHING`, s)
	return err
}

// namedInsertOtherOrder checks one order and inserts another.
func namedInsertOtherOrder(ctx context.Context, db *sqlx.DB, s Shipment, checked string) error {
	var n int
	if err := db.GetContext(ctx, &n, `SELECT count(*) FROM shipments WHERE order_id = $1`, checked); err != nil || n > 0 {
		return err
	}
	_, err := db.NamedExecContext(ctx, `INSERT INTO shipments (order_id, carrier) VALUES (:order_id, :carrier)`, s)
	return err
}

// pgxNamedArgs binds by name with pgx.NamedArgs.
func pgxNamedArgs(ctx context.Context, pool *pgxpool.Pool, id string) error {
	var seen string
	err := pool.QueryRow(ctx, `SELECT id FROM processed WHERE id = @id`, pgx.NamedArgs{"id": id}).Scan(&seen)
	if err == nil {
		return nil
	}
	if !errors.Is(err, pgx.ErrNoRows) && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = pool.Exec(ctx, `INSERT INTO processed (id) VALUES (@id)`, pgx.NamedArgs{"id": id}) // want `SELECT then INSERT of processed.id = id is not atomic`
	return err
}

// pgxNamedArgsOther inserts another id.
func pgxNamedArgsOther(ctx context.Context, pool *pgxpool.Pool, id, next string) error {
	var seen string
	if err := pool.QueryRow(ctx, `SELECT id FROM processed WHERE id = @id`, pgx.NamedArgs{"id": id}).Scan(&seen); err == nil {
		return nil
	}
	_, err := pool.Exec(ctx, `INSERT INTO processed (id) VALUES (@id)`, pgx.NamedArgs{"id": next})
	return err
}
