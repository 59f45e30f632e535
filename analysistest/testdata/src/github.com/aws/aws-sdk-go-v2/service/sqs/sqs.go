// Package sqs is a stub of github.com/aws/aws-sdk-go-v2/service/sqs v1.53.0 for
// analysistest: the declarations idemlint's tests use, with the real signatures.
package sqs

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// Options are the client's options.
type Options struct{ Region string }

// Client provides the API client to make operations call for Amazon SQS.
type Client struct{ options Options }

type ReceiveMessageInput struct {
	QueueUrl            *string
	MaxNumberOfMessages int32
	WaitTimeSeconds     int32
}

type ReceiveMessageOutput struct {
	Messages []types.Message
}

type SendMessageInput struct {
	MessageBody            *string
	QueueUrl               *string
	DelaySeconds           int32
	MessageDeduplicationId *string
	MessageGroupId         *string
}

type SendMessageOutput struct{ MessageId *string }

type DeleteMessageInput struct {
	QueueUrl      *string
	ReceiptHandle *string
}

type DeleteMessageOutput struct{}

func (c *Client) ReceiveMessage(ctx context.Context, params *ReceiveMessageInput, optFns ...func(*Options)) (*ReceiveMessageOutput, error) {
	return &ReceiveMessageOutput{}, nil
}
func (c *Client) SendMessage(ctx context.Context, params *SendMessageInput, optFns ...func(*Options)) (*SendMessageOutput, error) {
	return &SendMessageOutput{}, nil
}
func (c *Client) DeleteMessage(ctx context.Context, params *DeleteMessageInput, optFns ...func(*Options)) (*DeleteMessageOutput, error) {
	return &DeleteMessageOutput{}, nil
}
