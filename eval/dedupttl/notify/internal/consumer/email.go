package consumer

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	redigo "github.com/gomodule/redigo/redis"
	amqp "github.com/rabbitmq/amqp091-go"
)

// EmailJob is queued by every service that wants to send transactional mail.
type EmailJob struct {
	JobID    string            `json:"job_id"`
	Template string            `json:"template"`
	To       string            `json:"to"`
	Vars     map[string]string `json:"vars"`
}

// Mailer renders and sends an email.
type Mailer interface {
	Send(ctx context.Context, job EmailJob) error
}

const (
	markerSeconds   = 900
	digestMarkerTTL = 60 * 60 * 12
	weekSeconds     = 7 * 24 * 3600
)

// EmailWorker consumes the "notify.email" queue.
type EmailWorker struct {
	Pool   *redigo.Pool
	Mailer Mailer
	Log    *slog.Logger
}

// Consume handles deliveries until the channel is closed.
func (w *EmailWorker) Consume(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var job EmailJob
		if err := json.Unmarshal(d.Body, &job); err != nil {
			_ = d.Reject(false)
			continue
		}
		first, err := w.claim(job)
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		if first {
			if err := w.Mailer.Send(ctx, job); err != nil {
				w.Log.Error("send", "job", job.JobID, "err", err)
				w.release(job)
				_ = d.Nack(false, true)
				continue
			}
		}
		_ = d.Ack(false)
	}
}

func (w *EmailWorker) claim(job EmailJob) (bool, error) {
	conn := w.Pool.Get()
	defer conn.Close()
	reply, err := conn.Do("SET", "mail:job:"+job.JobID, 1, "NX", "EX", 3600) // BUG: dedupttl
	if err != nil {
		return false, err
	}
	return reply != nil, nil
}

func (w *EmailWorker) release(job EmailJob) {
	conn := w.Pool.Get()
	defer conn.Close()
	_, _ = conn.Do("DEL", "mail:job:"+job.JobID)
}

// ConsumeByMessageID is Consume for publishers that set the AMQP message id.
func (w *EmailWorker) ConsumeByMessageID(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		conn := w.Pool.Get()
		_, err := redigo.String(conn.Do("SET", "mail:msg:"+d.MessageId, d.DeliveryTag, "EX", markerSeconds, "NX")) // BUG: dedupttl
		conn.Close()
		if err == redigo.ErrNil {
			_ = d.Ack(false)
			continue
		}
		if err != nil {
			_ = d.Nack(false, true)
			continue
		}
		var job EmailJob
		_ = json.Unmarshal(d.Body, &job)
		_ = w.Mailer.Send(ctx, job)
		_ = d.Ack(false)
	}
}

// ConsumeDigest sends the daily digest mails.
func (w *EmailWorker) ConsumeDigest(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var job EmailJob
		if json.Unmarshal(d.Body, &job) != nil {
			_ = d.Reject(false)
			continue
		}
		conn := w.Pool.Get()
		ok, err := redigo.String(conn.Do("SET", "mail:digest:"+job.JobID, 1, "NX", "EX", digestMarkerTTL)) // BUG: dedupttl
		conn.Close()
		if err == nil && ok == "OK" {
			_ = w.Mailer.Send(ctx, job)
		}
		_ = d.Ack(false)
	}
}

// ConsumeReceipts sends receipts; markers live for a week.
func (w *EmailWorker) ConsumeReceipts(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var job EmailJob
		if json.Unmarshal(d.Body, &job) != nil {
			_ = d.Reject(false)
			continue
		}
		conn := w.Pool.Get()
		reply, err := conn.Do("SET", "mail:rcpt:"+job.JobID, 1, "NX", "EX", weekSeconds)
		conn.Close()
		if err == nil && reply != nil {
			_ = w.Mailer.Send(ctx, job)
		}
		_ = d.Ack(false)
	}
}

// ConsumePasswordResets sends reset links; the PX form is what the old Node worker used.
func (w *EmailWorker) ConsumePasswordResets(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var job EmailJob
		if json.Unmarshal(d.Body, &job) != nil {
			_ = d.Reject(false)
			continue
		}
		conn := w.Pool.Get()
		reply, err := conn.Do("SET", "mail:reset:"+job.JobID, 1, "PX", 300000, "NX") // BUG: dedupttl
		conn.Close()
		if err == nil && reply != nil {
			_ = w.Mailer.Send(ctx, job)
		}
		_ = d.Ack(false)
	}
}

// ConsumeInvites keeps invite markers for two days, in milliseconds.
func (w *EmailWorker) ConsumeInvites(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var job EmailJob
		if json.Unmarshal(d.Body, &job) != nil {
			_ = d.Reject(false)
			continue
		}
		conn := w.Pool.Get()
		reply, err := conn.Do("SET", "mail:invite:"+job.JobID, 1, "NX", "PX", int64(48*time.Hour/time.Millisecond))
		conn.Close()
		if err == nil && reply != nil {
			_ = w.Mailer.Send(ctx, job)
		}
		_ = d.Ack(false)
	}
}

// ConsumeSurveys marks the job after a check, the pre-NX way.
func (w *EmailWorker) ConsumeSurveys(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var job EmailJob
		if json.Unmarshal(d.Body, &job) != nil {
			_ = d.Reject(false)
			continue
		}
		conn := w.Pool.Get()
		seen, err := redigo.Bool(conn.Do("EXISTS", "mail:survey:"+job.JobID))
		if err == nil && !seen {
			_ = w.Mailer.Send(ctx, job)
			_, _ = conn.Do("SETEX", "mail:survey:"+job.JobID, 6*3600, 1) // BUG: dedupttl
		}
		conn.Close()
		_ = d.Ack(false)
	}
}

// ConsumeNoExpiry keeps markers forever (the key space is trimmed by a nightly job).
func (w *EmailWorker) ConsumeNoExpiry(ctx context.Context, deliveries <-chan amqp.Delivery) {
	for d := range deliveries {
		var job EmailJob
		if json.Unmarshal(d.Body, &job) != nil {
			_ = d.Reject(false)
			continue
		}
		conn := w.Pool.Get()
		added, err := redigo.Int(conn.Do("SETNX", "mail:forever:"+job.JobID, 1))
		conn.Close()
		if err == nil && added == 1 {
			_ = w.Mailer.Send(ctx, job)
		}
		_ = d.Ack(false)
	}
}
