// Package sns is a stub of github.com/aws/aws-sdk-go-v2/service/sns v1.48.0.
package sns

import "context"

// Options are the client's options.
type Options struct{ Region string }

// Client provides the API client to make operations call for Amazon SNS.
type Client struct{ options Options }

type PublishInput struct {
	Message                *string
	TopicArn               *string
	MessageDeduplicationId *string
	MessageGroupId         *string
}

type PublishOutput struct{ MessageId *string }

func (c *Client) Publish(ctx context.Context, params *PublishInput, optFns ...func(*Options)) (*PublishOutput, error) {
	return &PublishOutput{}, nil
}
