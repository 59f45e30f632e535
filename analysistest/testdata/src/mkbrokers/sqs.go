package mkbrokers

import (
	"context"
	"database/sql"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/redis/go-redis/v9"
)

type sqsWorker struct {
	client *sqs.Client
	db     *sql.DB
	rdb    *redis.Client
	queue  string
}

// A ReceiveMessage loop over Messages.
func (w *sqsWorker) poll(ctx context.Context) {
	for {
		out, err := w.client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(w.queue)})
		if err != nil {
			continue
		}
		for _, m := range out.Messages {
			w.client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("next"), MessageBody: m.Body}) // want `SQS consumer publishes with SendMessage with no dedup claim`
			w.client.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(w.queue), ReceiptHandle: m.ReceiptHandle})
		}
	}
}

// A FIFO queue's MessageDeduplicationId dedups the forward.
func (w *sqsWorker) pollFIFO(ctx context.Context) {
	for {
		out, err := w.client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(w.queue)})
		if err != nil {
			continue
		}
		for _, m := range out.Messages {
			w.client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("next.fifo"), MessageBody: m.Body,
				MessageDeduplicationId: m.MessageId, MessageGroupId: aws.String("g")})
		}
	}
}

// Claimed per message with continue: silent.
func (w *sqsWorker) pollClaimed(ctx context.Context) {
	for {
		out, err := w.client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(w.queue)})
		if err != nil {
			continue
		}
		for _, m := range out.Messages {
			ok, err := w.rdb.SetNX(ctx, "sqs:"+aws.ToString(m.MessageId), 1, 24*time.Hour).Result()
			if err != nil || !ok {
				continue
			}
			w.db.ExecContext(ctx, "INSERT INTO jobs (body) VALUES ($1)", aws.ToString(m.Body))
		}
	}
}

// A Lambda SQS handler by its parameter type.
func handleSQS(ctx context.Context, ev events.SQSEvent) error {
	for _, rec := range ev.Records {
		if _, err := db.ExecContext(ctx, "INSERT INTO jobs (id, body) VALUES ($1, $2)", rec.MessageId, rec.Body); err != nil { // want `Lambda SQS handler inserts into jobs with no dedup claim`
			return err
		}
	}
	return nil
}

var db *sql.DB

// A Lambda SNS handler that claims through INSERT ... ON CONFLICT: silent.
func handleSNS(ctx context.Context, ev events.SNSEvent) error {
	for _, rec := range ev.Records {
		res, err := db.ExecContext(ctx, "INSERT INTO seen (id) VALUES ($1) ON CONFLICT DO NOTHING", rec.SNS.MessageID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		db.ExecContext(ctx, "INSERT INTO notifications (body) VALUES ($1)", rec.SNS.Message)
	}
	return nil
}

// A handler passed to lambda.Start as a closure.
func startLambda(rdb *redis.Client) {
	lambda.Start(func(ctx context.Context, ev events.SQSEvent) error {
		for _, rec := range ev.Records {
			rdb.XAdd(ctx, nil) // want `Lambda SQS handler runs XADD with no dedup claim`
			_ = rec
		}
		return nil
	})
}
