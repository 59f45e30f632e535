// Package jetstream is a stub of github.com/nats-io/nats.go/jetstream v1.56.0 for
// analysistest: the declarations idemlint's tests use, with the real signatures.
package jetstream

import (
	"context"

	"github.com/nats-io/nats.go"
)

// Msg contains methods to operate on a JetStream message.
type Msg interface {
	Data() []byte
	Headers() nats.Header
	Subject() string
	Ack() error
	Nak() error
}

// MessageHandler is a handler function used as callback in Consume.
type MessageHandler func(msg Msg)

// PullConsumeOpt represent additional options used in Consume for pull consumers.
type PullConsumeOpt interface{ configureConsume(*consumeOpts) error }

type consumeOpts struct{}

// FetchOpt is a function setting options for Fetch.
type FetchOpt func(*pullRequest) error

type pullRequest struct{}

// ConsumeContext supports processing incoming messages from a stream.
type ConsumeContext interface{ Stop() }

// MessageBatch provides methods to retrieve messages consumed using Fetch.
type MessageBatch interface {
	Messages() <-chan Msg
	Error() error
}

// Consumer contains methods for fetching/processing messages from a stream.
type Consumer interface {
	Fetch(batch int, opts ...FetchOpt) (MessageBatch, error)
	Consume(handler MessageHandler, opts ...PullConsumeOpt) (ConsumeContext, error)
	Next(opts ...FetchOpt) (Msg, error)
}

// PubAck is an ack received after successfully publishing a message.
type PubAck struct {
	Stream    string
	Sequence  uint64
	Duplicate bool
}

// PublishOpt are the options that can be passed to Publish methods.
type PublishOpt func(*pubOpts) error

type pubOpts struct{ id string }

// WithMsgID sets the message ID used for deduplication.
func WithMsgID(id string) PublishOpt { return func(o *pubOpts) error { o.id = id; return nil } }

// Publisher provides methods for publishing messages to a stream.
type Publisher interface {
	Publish(ctx context.Context, subject string, payload []byte, opts ...PublishOpt) (*PubAck, error)
}

// JetStream is the top-level interface for interacting with JetStream.
type JetStream interface {
	Publisher
	Consumer(ctx context.Context, stream string, consumer string) (Consumer, error)
}

// New returns a new JetStream instance.
func New(nc *nats.Conn) (JetStream, error) { return nil, nil }

// jetStreamMsg is the package's one implementation of Msg; like the real one, its
// Ack publishes the ack reply on the connection.
type jetStreamMsg struct {
	msg *nats.Msg
	nc  *nats.Conn
}

func (m *jetStreamMsg) Data() []byte         { return m.msg.Data }
func (m *jetStreamMsg) Headers() nats.Header { return m.msg.Header }
func (m *jetStreamMsg) Subject() string      { return m.msg.Subject }
func (m *jetStreamMsg) Ack() error           { return m.nc.Publish(m.msg.Reply, []byte("+ACK")) }
func (m *jetStreamMsg) Nak() error           { return m.nc.Publish(m.msg.Reply, []byte("-NAK")) }
