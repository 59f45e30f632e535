// Package pubsub is a stub of cloud.google.com/go/pubsub/v2 v2.9.0 for
// analysistest: the declarations idemlint's tests use, with the real signatures.
package pubsub

import "context"

// Message represents a Pub/Sub message.
type Message struct {
	ID          string
	Data        []byte
	Attributes  map[string]string
	OrderingKey string
}

func (m *Message) Ack()  {}
func (m *Message) Nack() {}

// Client is a Google Pub/Sub client.
type Client struct{}

func NewClient(ctx context.Context, projectID string) (*Client, error) { return &Client{}, nil }
func (c *Client) Subscriber(nameOrID string) *Subscriber               { return &Subscriber{} }
func (c *Client) Publisher(topicNameOrID string) *Publisher            { return &Publisher{} }

// Subscriber is a subscriber client.
type Subscriber struct{}

func (s *Subscriber) Receive(ctx context.Context, f func(context.Context, *Message)) error {
	return nil
}

// Publisher is a publisher client.
type Publisher struct{}

// PublishResult holds the result from a call to Publish.
type PublishResult struct{}

func (t *Publisher) Publish(ctx context.Context, msg *Message) *PublishResult {
	return &PublishResult{}
}
func (r *PublishResult) Get(ctx context.Context) (serverID string, err error) { return "", nil }
