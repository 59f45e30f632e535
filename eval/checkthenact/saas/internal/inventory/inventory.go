// Package inventory reserves stock (pgx/v5).
package inventory

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrOutOfStock is returned when not enough units are left.
var ErrOutOfStock = errors.New("inventory: out of stock")

// ErrConflict is returned when optimistic retries are exhausted.
var ErrConflict = errors.New("inventory: concurrent update")

// Repo is the inventory repository.
type Repo struct {
	pool *pgxpool.Pool
}

// New returns a Repo.
func New(pool *pgxpool.Pool) *Repo { return &Repo{pool: pool} }

// Reserve takes qty units with optimistic locking on the version column.
func (r *Repo) Reserve(ctx context.Context, sku string, qty int) error {
	for range 5 {
		var stock, version int
		if err := r.pool.QueryRow(ctx, `SELECT stock, version FROM inventory WHERE sku = $1`, sku).Scan(&stock, &version); err != nil {
			return err
		}
		if stock < qty {
			return ErrOutOfStock
		}
		tag, err := r.pool.Exec(ctx, `UPDATE inventory SET stock = $1, version = version + 1 WHERE sku = $2 AND version = $3`, stock-qty, sku, version)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 1 {
			return nil
		}
	}
	return ErrConflict
}

// Restock sets a new absolute level after a stock count (admin), read for the audit log.
func (r *Repo) Restock(ctx context.Context, sku string, counted int) (int, error) {
	var before int
	if err := r.pool.QueryRow(ctx, `SELECT stock FROM inventory WHERE sku = $1`, sku).Scan(&before); err != nil {
		return 0, err
	}
	if _, err := r.pool.Exec(ctx, `UPDATE inventory SET stock = $1 WHERE sku = $2`, counted, sku); err != nil {
		return 0, err
	}
	return counted - before, nil
}

// Release gives units back.
func (r *Repo) Release(ctx context.Context, sku string, qty int) error {
	var stock int
	if err := r.pool.QueryRow(ctx, `SELECT stock FROM inventory WHERE sku = $1`, sku).Scan(&stock); err != nil {
		return err
	}
	_, err := r.pool.Exec(ctx, `UPDATE inventory SET stock = $1 WHERE sku = $2`, stock+qty, sku) // BUG: checkthenact
	return err
}

// ReleaseAtomic gives units back with a relative update.
func (r *Repo) ReleaseAtomic(ctx context.Context, sku string, qty int) error {
	_, err := r.pool.Exec(ctx, `UPDATE inventory SET stock = stock + $1 WHERE sku = $2`, qty, sku)
	return err
}

// Hold places a time-limited hold for a cart, at most one per cart and sku,
// inside a serializable transaction.
func (r *Repo) Hold(ctx context.Context, cartID, sku string, qty int) error {
	return pgx.BeginTxFunc(ctx, r.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM holds WHERE cart_id = $1 AND sku = $2`, cartID, sku).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		_, err := tx.Exec(ctx, `INSERT INTO holds (cart_id, sku, qty, expires_at) VALUES ($1, $2, $3, $4)`, cartID, sku, qty, time.Now().Add(15*time.Minute))
		return err
	})
}

// Allocate assigns a warehouse slot, serialized per sku by an advisory lock.
func (r *Repo) Allocate(ctx context.Context, orderID, sku string) error {
	tx, err := r.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, "alloc:"+orderID); err != nil {
		return err
	}
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM allocations WHERE order_id = $1)`, orderID).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO allocations (order_id, sku, allocated_at) VALUES ($1, $2, now())`, orderID, sku); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// SyncBatch upserts counts from the WMS feed in one batch.
func (r *Repo) SyncBatch(ctx context.Context, counts map[string]int) error {
	b := &pgx.Batch{}
	for sku, n := range counts {
		b.Queue(`INSERT INTO inventory (sku, stock, version) VALUES ($1, $2, 1) ON CONFLICT (sku) DO UPDATE SET stock = EXCLUDED.stock, version = inventory.version + 1`, sku, n)
	}
	return r.pool.SendBatch(ctx, b).Close()
}
