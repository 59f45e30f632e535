// Package types is a stub of github.com/aws/aws-sdk-go-v2/service/sqs/types v1.53.0.
package types

// Message is an Amazon SQS message.
type Message struct {
	Attributes    map[string]string
	Body          *string
	MD5OfBody     *string
	MessageId     *string
	ReceiptHandle *string
}
