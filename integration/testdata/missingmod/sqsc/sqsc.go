// Package sqsc polls SQS and handles SQS events in Lambda.
package sqsc

import (
	"context"
	"database/sql"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// Poll forwards messages to the next queue.
func Poll(ctx context.Context, c *sqs.Client, queue string) {
	for {
		out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(queue)})
		if err != nil {
			continue
		}
		for _, m := range out.Messages {
			c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("next"), MessageBody: m.Body}) // want missingkey
			c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(queue), ReceiptHandle: m.ReceiptHandle})
		}
	}
}

// PollFIFO forwards with a deduplication id.
func PollFIFO(ctx context.Context, c *sqs.Client, queue string) {
	for {
		out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(queue)})
		if err != nil {
			continue
		}
		for _, m := range out.Messages {
			c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("next.fifo"), MessageBody: m.Body,
				MessageDeduplicationId: m.MessageId, MessageGroupId: aws.String("orders")})
		}
	}
}

var db *sql.DB

func handle(ctx context.Context, ev events.SQSEvent) error {
	for _, rec := range ev.Records {
		if _, err := db.ExecContext(ctx, "INSERT INTO jobs (id) VALUES ($1)", rec.MessageId); err != nil { // want missingkey
			return err
		}
	}
	return nil
}

// Main starts the Lambda.
func Main() { lambda.Start(handle) }
