package consumer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash/fnv"
	"log/slog"
	"strconv"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/redis/go-redis/v9"
)

// ReceiptWorker sends receipt mails for paid orders.
type ReceiptWorker struct {
	Deliveries <-chan amqp.Delivery
	Pool       *redigo.Pool
	RDB        redis.Cmdable
	Mailer     Mailer
	Log        *slog.Logger
	now        func() time.Time
}

// NewReceiptWorker wires a worker with the wall clock.
func NewReceiptWorker(ch *amqp.Channel, pool *redigo.Pool, rdb redis.Cmdable, m Mailer, log *slog.Logger) (*ReceiptWorker, error) {
	d, err := ch.Consume("billing.receipts", "billing-receipts", false, false, false, false, nil)
	if err != nil {
		return nil, err
	}
	return &ReceiptWorker{Deliveries: d, Pool: pool, RDB: rdb, Mailer: m, Log: log, now: time.Now}, nil
}

// Run handles deliveries until the channel closes.
func (w *ReceiptWorker) Run(ctx context.Context) {
	for d := range w.Deliveries {
		var r ReceiptRequested
		if err := json.Unmarshal(d.Body, &r); err != nil {
			_ = d.Nack(false, false)
			continue
		}
		first, err := w.claimReceipt(r)
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		if first {
			if err := w.Mailer.SendReceipt(ctx, r); err != nil {
				w.Log.Error("send receipt", "order", r.OrderID, "err", err)
			}
		}
		_ = d.Ack(false)
	}
}

// claimReceipt makes a redelivered receipt request send one mail, not two.
func (w *ReceiptWorker) claimReceipt(r ReceiptRequested) (bool, error) {
	conn := w.Pool.Get()
	defer conn.Close()
	key := "rcpt:" + r.Email + ":" + w.now().UTC().Format("2006-01-02T15") // BUG: coarsekey
	_, err := redigo.String(conn.Do("SET", key, r.OrderID, "NX", "EX", 7*24*3600))
	if err == redigo.ErrNil {
		return false, nil
	}
	return err == nil, err
}

// RunByMessageID dedups on the broker's message id set by the publisher.
func (w *ReceiptWorker) RunByMessageID(ctx context.Context) {
	for d := range w.Deliveries {
		var r ReceiptRequested
		if err := json.Unmarshal(d.Body, &r); err != nil {
			_ = d.Nack(false, false)
			continue
		}
		conn := w.Pool.Get()
		reply, err := conn.Do("SET", "rcpt:msg:"+d.MessageId, 1, "NX", "EX", 7*24*3600)
		conn.Close()
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		if reply != nil {
			_ = w.Mailer.SendReceipt(ctx, r)
		}
		_ = d.Ack(false)
	}
}

// RunByBody dedups on a digest of the whole message body.
func (w *ReceiptWorker) RunByBody(ctx context.Context) {
	for d := range w.Deliveries {
		sum := sha256.Sum256(d.Body)
		ok, err := w.RDB.SetNX(ctx, "rcpt:body:"+hex.EncodeToString(sum[:]), 1, 7*24*time.Hour).Result()
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		if ok {
			var r ReceiptRequested
			_ = json.Unmarshal(d.Body, &r)
			_ = w.Mailer.SendReceipt(ctx, r)
		}
		_ = d.Ack(false)
	}
}

// batchKey hashes the tenant and day into a short key for the tenant digest queue.
func batchKey(tenantID string, t time.Time) string {
	h := fnv.New64a()
	h.Write([]byte(tenantID))
	h.Write([]byte(t.Format("20060102")))
	return "rcpt:batch:" + strconv.FormatUint(h.Sum64(), 36) // BUG: coarsekey
}

// RunTenantDigest consumes "receipt.batch" messages: one per batch of receipts a tenant exports.
func (w *ReceiptWorker) RunTenantDigest(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var r ReceiptRequested
		if err := json.Unmarshal(d.Body, &r); err != nil {
			_ = d.Reject(false)
			continue
		}
		n, err := w.RDB.Exists(ctx, batchKey(r.TenantID, w.now())).Result()
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		if n == 0 {
			_ = w.Mailer.SendReceipt(ctx, r)
			w.RDB.SetArgs(ctx, batchKey(r.TenantID, w.now()), 1, redis.SetArgs{Mode: "NX", TTL: 48 * time.Hour})
		}
		_ = d.Ack(false)
	}
}

// RunByOrder dedups on the order id carried in the body.
func (w *ReceiptWorker) RunByOrder(ctx context.Context) {
	for d := range w.Deliveries {
		var r ReceiptRequested
		if err := json.Unmarshal(d.Body, &r); err != nil {
			_ = d.Reject(false)
			continue
		}
		key := "rcpt:order:" + r.TenantID + ":" + r.OrderID
		err := w.RDB.SetArgs(ctx, key, d.DeliveryTag, redis.SetArgs{Mode: "NX", TTL: 7 * 24 * time.Hour}).Err()
		if err == redis.Nil {
			_ = d.Ack(false)
			continue
		}
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		_ = w.Mailer.SendReceipt(ctx, r)
		_ = d.Ack(false)
	}
}
