package mkbrokers

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/gomodule/redigo/redis"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	amqp "github.com/rabbitmq/amqp091-go"
	goredis "github.com/redis/go-redis/v9"
)

type more struct {
	db   *sql.DB
	rdb  *goredis.Client
	pool *redis.Pool
	nc   *nats.Conn
}

// A synchronous subscription read in a loop.
func (m *more) pull(sub *nats.Subscription) {
	for {
		msg, err := sub.NextMsg(time.Second)
		if err != nil {
			continue
		}
		m.db.Exec("INSERT INTO pulls (body) VALUES ($1)", msg.Data) // want `NATS subscriber inserts into pulls with no dedup claim`
	}
}

// JetStream Next in a loop, claimed with SET NX through redigo: a duplicate is
// ErrNil from redis.String, so the error decides.
func (m *more) next(cons jetstream.Consumer) {
	for {
		msg, err := cons.Next()
		if err != nil {
			return
		}
		conn := m.pool.Get()
		if _, err := redis.String(conn.Do("SET", "js:"+msg.Subject(), 1, "NX", "EX", 3600)); err != nil {
			conn.Close()
			continue
		}
		conn.Close()
		m.db.Exec("INSERT INTO pulls (body) VALUES ($1)", msg.Data())
	}
}

// SetArgs with NX reports a duplicate as redis.Nil: checking the error decides.
func (m *more) setArgs(ctx context.Context, ch *amqp.Channel) error {
	msgs, err := ch.Consume("q", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		if err := m.rdb.SetArgs(ctx, "q:"+d.MessageId, 1, goredis.SetArgs{Mode: "NX", TTL: time.Hour}).Err(); err != nil {
			continue
		}
		m.db.ExecContext(ctx, "INSERT INTO q (id) VALUES ($1)", d.MessageId)
	}
	return nil
}

// A goroutine per delivery running a helper.
func (m *more) fanOut(ctx context.Context, ch *amqp.Channel) error {
	msgs, err := ch.Consume("q", "", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range msgs {
		go m.handleOne(ctx, d)
	}
	return nil
}

func (m *more) handleOne(ctx context.Context, d amqp.Delivery) {
	m.rdb.HIncrBy(ctx, "stats", d.RoutingKey, 1) // want `RabbitMQ consumer runs HINCRBY with no dedup claim`
	d.Ack(false)
}

// A worker that ranges over a delivery channel it is handed.
func (m *more) worker(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://api.example/hooks", nil)
		http.DefaultClient.Do(req) // want `RabbitMQ consumer sends an outbound POST without an idempotency key with no dedup claim`
		d.Ack(false)
	}
}

// The same forward with a GET: not a side effect.
func (m *more) workerGet(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example/status", nil)
		http.DefaultClient.Do(req)
		d.Ack(false)
	}
}

// net/http middleware wrapping the handler claims first.
func (m *more) routes(mux *http.ServeMux) {
	mux.Handle("/webhooks/coinbase", m.idempotent(http.HandlerFunc(m.coinbase)))
	mux.Handle("/webhooks/plaid", m.logged(http.HandlerFunc(m.plaid)))
}

func (m *more) idempotent(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !m.rdb.SetNX(r.Context(), "idem:"+r.Header.Get("Idempotency-Key"), 1, 24*time.Hour).Val() {
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (m *more) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
	})
}

func (m *more) coinbase(w http.ResponseWriter, r *http.Request) {
	m.db.Exec("INSERT INTO charges (id) VALUES ($1)", r.FormValue("id"))
}

func (m *more) plaid(w http.ResponseWriter, r *http.Request) {
	m.db.Exec("INSERT INTO transfers (id) VALUES ($1)", r.FormValue("id")) // want `webhook handler inserts into transfers with no dedup claim`
}
