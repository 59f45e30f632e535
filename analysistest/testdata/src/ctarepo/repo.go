// Package ctarepo holds repository-style shapes: keys passed as fields of struct
// arguments, transaction helpers, parent-row locks, captured structs in goroutines.
package ctarepo

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

type Payment struct{ ID, OrderID string }

type Repo struct{ pool *pgxpool.Pool }

func (r *Repo) FindByOrder(ctx context.Context, orderID string) (*Payment, error) {
	var p Payment
	err := r.pool.QueryRow(ctx, `SELECT id, order_id FROM payments WHERE order_id = $1`, orderID).Scan(&p.ID, &p.OrderID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

func (r *Repo) Insert(ctx context.Context, p Payment) error {
	_, err := r.pool.Exec(ctx, `INSERT INTO payments (id, order_id) VALUES ($1, $2)`, p.ID, p.OrderID)
	return err
}

func (r *Repo) InsertPtr(ctx context.Context, p *Payment) error {
	_, err := r.pool.Exec(ctx, `INSERT INTO payments (id, order_id) VALUES ($1, $2)`, p.ID, p.OrderID)
	return err
}

type Captured struct{ PaymentID, OrderID string }

// record builds the row from the event: the key reaches Insert as p.OrderID.
func record(ctx context.Context, r *Repo, evt Captured) error {
	existing, err := r.FindByOrder(ctx, evt.OrderID)
	if err != nil || existing != nil {
		return err
	}
	p := Payment{ID: evt.PaymentID, OrderID: evt.OrderID}
	return r.Insert(ctx, p) // want `SELECT \(in r.FindByOrder\) then INSERT \(in r.Insert\) of payments.order_id = evt.OrderID is not atomic`
}

// recordPtr passes a pointer to the literal.
func recordPtr(ctx context.Context, r *Repo, evt *Captured) error {
	existing, err := r.FindByOrder(ctx, evt.OrderID)
	if err != nil || existing != nil {
		return err
	}
	return r.InsertPtr(ctx, &Payment{ID: evt.PaymentID, OrderID: evt.OrderID}) // want `then INSERT \(in r.InsertPtr\) of payments.order_id = evt.OrderID is not atomic`
}

// recordOtherOrder checks one order and inserts a payment for another.
func recordOtherOrder(ctx context.Context, r *Repo, evt Captured, next string) error {
	existing, err := r.FindByOrder(ctx, evt.OrderID)
	if err != nil || existing != nil {
		return err
	}
	return r.Insert(ctx, Payment{ID: evt.PaymentID, OrderID: next})
}

// withSerializableTx runs fn in a serializable transaction.
func withSerializableTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// withTx runs fn in a default (read committed) transaction.
func withTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// claimSerializable checks and inserts inside a serializable helper.
func claimSerializable(ctx context.Context, db *sql.DB, id string) error {
	return withSerializableTx(ctx, db, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM processed WHERE id = $1`, id).Scan(&n); err != nil || n > 0 {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO processed (id) VALUES ($1)`, id)
		return err
	})
}

// claimReadCommitted is the same in a read-committed helper: both inserts pass.
func claimReadCommitted(ctx context.Context, db *sql.DB, id string) error {
	return withTx(ctx, db, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM processed WHERE id = $1`, id).Scan(&n); err != nil || n > 0 {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO processed (id) VALUES ($1)`, id) // want `SELECT then INSERT of processed.id = id is not atomic`
		return err
	})
}

// lockParentRow locks the order row, then checks and inserts its payment.
func lockParentRow(ctx context.Context, tx *sql.Tx, orderID string) error {
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM orders WHERE id = $1 FOR UPDATE`, orderID).Scan(&status); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM payments WHERE order_id = $1`, orderID).Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO payments (order_id) VALUES ($1)`, orderID)
	return err
}

// debitIfEnough decides an atomic decrement on a read: not a lost update, and an
// UPDATE is not the act of a claim.
func debitIfEnough(ctx context.Context, db *sql.DB, acct string, amt int64) error {
	var bal int64
	if err := db.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1`, acct).Scan(&bal); err != nil {
		return err
	}
	if bal < amt {
		return errors.New("insufficient")
	}
	_, err := db.ExecContext(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2`, amt, acct)
	return err
}

type Event struct{ ID, SKU string }

// fanOut writes the marker from a goroutine that captures the event struct.
func fanOut(ctx context.Context, rdb redis.UniversalClient, evt Event, done chan error) {
	if rdb.Exists(ctx, "evt:"+evt.ID).Val() > 0 {
		return
	}
	go func() {
		done <- rdb.Set(ctx, "evt:"+evt.ID, 1, 48*time.Hour).Err() // want `EXISTS then SET of "evt:"\+evt.ID is not atomic`
	}()
}

// productHash is cache-aside of several hash fields at once.
func productHash(ctx context.Context, rdb redis.UniversalClient, sku string, load func(string) (string, int)) (string, error) {
	name, err := rdb.HGet(ctx, "product:"+sku, "name").Result()
	if err == nil {
		return name, nil
	}
	n, price := load(sku)
	rdb.HSet(ctx, "product:"+sku, "name", n, "price", price)
	return n, nil
}

// getOrLoad is a typed cache: the hit path decodes into v, the miss path loads v.
func getOrLoad[T any](ctx context.Context, rdb redis.UniversalClient, key string, load func() (T, error)) (T, error) {
	var v T
	raw, err := rdb.Get(ctx, key).Bytes()
	if err == nil {
		if json.Unmarshal(raw, &v) == nil {
			return v, nil
		}
	}
	v, err = load()
	if err != nil {
		return v, err
	}
	buf, _ := json.Marshal(v)
	rdb.Set(ctx, key, buf, time.Minute)
	return v, nil
}
