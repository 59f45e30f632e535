// Package nats is a stub of github.com/nats-io/nats.go v1.56.0 for analysistest:
// the declarations idemlint's tests use, with the real signatures.
package nats

import "time"

// Header represents message headers.
type Header map[string][]string

// Msg represents a message delivered by NATS.
type Msg struct {
	Subject string
	Reply   string
	Header  Header
	Data    []byte
	Sub     *Subscription
}

// Ack publishes the ack reply, as the real Msg.Ack does (ackReply -> nc.publish):
// inside the library an ack is a publish; to a consumer it is an ack.
func (m *Msg) Ack(opts ...AckOpt) error { return m.Sub.conn.Publish(m.Reply, []byte("+ACK")) }

// AckOpt are the options that can be passed when acknowledge a message.
type AckOpt interface{}

// MsgHandler is a callback function that processes messages delivered to
// asynchronous subscribers.
type MsgHandler func(msg *Msg)

// Option is a function on the options for a connection.
type Option func(*Options) error

// Options can be used to create a customized connection.
type Options struct{ Url string }

// Conn represents a bare connection to a nats-server.
type Conn struct{}

// Subscription represents interest in a given subject.
type Subscription struct {
	Subject string
	conn    *Conn
}

func Connect(url string, options ...Option) (*Conn, error) { return &Conn{}, nil }

func (nc *Conn) Publish(subj string, data []byte) error                      { return nil }
func (nc *Conn) PublishMsg(m *Msg) error                                     { return nil }
func (nc *Conn) Subscribe(subj string, cb MsgHandler) (*Subscription, error) { return nil, nil }
func (nc *Conn) QueueSubscribe(subj, queue string, cb MsgHandler) (*Subscription, error) {
	return nil, nil
}
func (nc *Conn) SubscribeSync(subj string) (*Subscription, error)   { return nil, nil }
func (s *Subscription) NextMsg(timeout time.Duration) (*Msg, error) { return nil, nil }
