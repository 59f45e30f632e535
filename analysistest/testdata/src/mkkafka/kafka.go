package mkkafka

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/segmentio/kafka-go"
)

type consumer struct {
	r   *kafka.Reader
	db  *sql.DB
	rdb *redis.Client
	w   *kafka.Writer
}

// The seed: every redelivery inserts the payment again.
func (c *consumer) runBare(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.db.ExecContext(ctx, "INSERT INTO payments (id, body) VALUES ($1, $2)", string(m.Key), m.Value) // want `kafka consumer inserts into payments with no dedup claim: a redelivered message inserts again; claim the message id first \(SET NX / INSERT ... ON CONFLICT DO NOTHING\)`
	}
}

// Claimed with SET NX, the result decides: silent.
func (c *consumer) runClaimed(ctx context.Context) {
	for {
		m, err := c.r.FetchMessage(ctx)
		if err != nil {
			return
		}
		ok, err := c.rdb.SetNX(ctx, "seen:"+string(m.Key), 1, 24*time.Hour).Result()
		if err != nil || !ok {
			continue
		}
		c.db.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", string(m.Key))
		c.r.CommitMessages(ctx, m)
	}
}

// The claim's result is ignored: its own message.
func (c *consumer) runIgnored(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.rdb.SetNX(ctx, "seen:"+string(m.Key), 1, 24*time.Hour)
		c.db.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", string(m.Key)) // want `the result of SETNX is ignored: a redelivered message runs the side effect again`
	}
}

// Only the claim's error is checked: a duplicate passes.
func (c *consumer) runErrOnly(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if err := c.rdb.SetNX(ctx, "seen:"+string(m.Key), 1, 24*time.Hour).Err(); err != nil {
			continue
		}
		c.w.WriteMessages(ctx, kafka.Message{Key: m.Key, Value: m.Value}) // want `the result of SETNX is ignored`
	}
}

// Transactional inbox: INSERT ... ON CONFLICT DO NOTHING, rows affected decide.
func (c *consumer) runInbox(ctx context.Context) error {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		tx, err := c.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "INSERT INTO processed (id) VALUES ($1) ON CONFLICT DO NOTHING", string(m.Key))
		if err != nil {
			tx.Rollback()
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			tx.Rollback()
			continue
		}
		tx.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", string(m.Key))
		tx.Commit()
	}
}

// The inbox row is inserted but its rows affected are never looked at.
func (c *consumer) runInboxIgnored(ctx context.Context) error {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		if _, err := c.db.ExecContext(ctx, "INSERT INTO processed (id) VALUES ($1) ON CONFLICT DO NOTHING", string(m.Key)); err != nil {
			return err
		}
		c.db.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", string(m.Key)) // want `the result of INSERT is ignored`
	}
}

// Idempotent effects need no claim: UPSERT, absolute UPDATE, DELETE, SET, HSET.
func (c *consumer) runIdempotent(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		id := string(m.Key)
		c.db.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", id)
		c.db.ExecContext(ctx, "UPDATE orders SET status = 'paid' WHERE id = $1", id)
		c.db.ExecContext(ctx, "DELETE FROM carts WHERE order_id = $1", id)
		c.rdb.Set(ctx, "order:"+id, "paid", 0)
		c.rdb.HSet(ctx, "order:"+id, "status", "paid")
	}
}

// A relative UPDATE adds again on every redelivery.
func (c *consumer) runBalance(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.db.ExecContext(ctx, "UPDATE accounts SET balance = balance + $1 WHERE id = $2", 10, string(m.Key)) // want `kafka consumer updates accounts relative to its current value with no dedup claim: a redelivered message applies the change again`
	}
}

// A counter incremented per message counts a redelivery twice.
func (c *consumer) runCounter(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.rdb.Incr(ctx, "clicks:"+string(m.Key)) // want `kafka consumer runs INCR with no dedup claim: a redelivered message counts again`
	}
}

// An INCR whose value decides is a claim of its own.
func (c *consumer) runIncrClaim(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if n := c.rdb.Incr(ctx, "seen:"+string(m.Key)).Val(); n > 1 {
			continue
		}
		c.w.WriteMessages(ctx, kafka.Message{Key: m.Key})
	}
}

// The twin of runIncrClaim that checks only the INCR's error: the count decides
// nothing, every delivery counts.
func (c *consumer) runIncrErr(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if err := c.rdb.HIncrBy(ctx, "points:"+string(m.Key), "n", 1).Err(); err != nil { // want `kafka consumer runs HINCRBY with no dedup claim`
			continue
		}
	}
}

// The twin of runBalance that checks the UPDATE's error: an UPDATE returns no
// count, so checking it claims nothing.
func (c *consumer) runBalanceErr(ctx context.Context) error {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		if _, err := c.db.ExecContext(ctx, "UPDATE accounts SET balance = balance + $1 WHERE id = $2", 10, string(m.Key)); err != nil { // want `kafka consumer updates accounts relative to its current value with no dedup claim`
			return err
		}
	}
}

// A WHERE on a composite key is no compare-and-set: the relative UPDATE adds again.
func (c *consumer) runCompositeKey(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.db.ExecContext(ctx, "UPDATE stock SET on_hand = on_hand + $1 WHERE sku = $2 AND warehouse = $3", 1, string(m.Key), string(m.Value)) // want `kafka consumer updates stock relative to its current value with no dedup claim`
	}
}

// An absolute UPDATE on a composite key claims nothing: the INSERT after it repeats,
// and no claim's result is "ignored".
func (c *consumer) runCompositeThenInsert(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.db.ExecContext(ctx, "UPDATE orders SET state = 'paid' WHERE shop = $1 AND order_id = $2", string(m.Topic), string(m.Key))
		c.db.ExecContext(ctx, "INSERT INTO revenue (order_id) VALUES ($1)", string(m.Key)) // want `kafka consumer inserts into revenue with no dedup claim`
	}
}

// The twin that tests a state: UPDATE ... WHERE id = $1 AND state = 'new' is a
// compare-and-set whose rows affected decide.
func (c *consumer) runCompareAndSet(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		res, err := c.db.ExecContext(ctx, "UPDATE orders SET state = 'paid' WHERE order_id = $1 AND state = 'new'", string(m.Key))
		if err != nil {
			continue
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		c.db.ExecContext(ctx, "INSERT INTO revenue (order_id) VALUES ($1)", string(m.Key))
	}
}

// Forwarding publishes again.
func (c *consumer) runForward(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		c.w.WriteMessages(ctx, kafka.Message{Key: m.Key, Value: m.Value}) // want `kafka consumer publishes with WriteMessages with no dedup claim`
	}
}

// A claim on only some paths: messages without a key are not claimed.
func (c *consumer) runSomePaths(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if len(m.Key) > 0 {
			if ok, _ := c.rdb.SetNX(ctx, "seen:"+string(m.Key), 1, time.Hour).Result(); !ok {
				continue
			}
		}
		c.db.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", string(m.Value)) // want `kafka consumer inserts into payments with no dedup claim`
	}
}

// A check-then-act dedup (EXISTS, then SET) is checkthenact's finding: silent here.
func (c *consumer) runCheckThenAct(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if c.rdb.Exists(ctx, "seen:"+string(m.Key)).Val() > 0 {
			continue
		}
		c.db.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", string(m.Key))
		c.rdb.Set(ctx, "seen:"+string(m.Key), 1, time.Hour)
	}
}

// An INSERT whose unique violation is recognized is the claim itself.
func (c *consumer) runUniqueViolation(ctx context.Context) error {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return err
		}
		if _, err := c.db.ExecContext(ctx, "INSERT INTO payments (id) VALUES ($1)", string(m.Key)); err != nil {
			if errors.Is(err, errDuplicate) {
				continue
			}
			return err
		}
	}
}

var errDuplicate = errors.New("duplicate key")

// Early return before the effect does not protect it.
func (c *consumer) runEarlyReturn(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if len(m.Value) == 0 {
			continue
		}
		c.rdb.LPush(ctx, "jobs", m.Value) // want `kafka consumer runs LPUSH with no dedup claim: a redelivered message pushes again`
	}
}
