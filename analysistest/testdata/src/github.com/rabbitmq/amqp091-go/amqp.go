// The consumer and publisher side of github.com/rabbitmq/amqp091-go v1.17.0
// (channel.go, connection.go), with the real signatures.

package amqp091

import "context"

func (d Delivery) Nack(multiple, requeue bool) error { return nil }

// Publishing captures the client message sent to the server.
type Publishing struct {
	Headers     Table
	ContentType string
	MessageId   string
	Body        []byte
}

// Connection manages the serialization and deserialization of frames.
type Connection struct{}

func Dial(url string) (*Connection, error)       { return &Connection{}, nil }
func (c *Connection) Channel() (*Channel, error) { return &Channel{}, nil }

// Channel represents an AMQP channel.
type Channel struct{}

func (ch *Channel) Consume(queue, consumer string, autoAck, exclusive, noLocal, noWait bool, args Table) (<-chan Delivery, error) {
	return nil, nil
}
func (ch *Channel) ConsumeWithContext(ctx context.Context, queue, consumer string, autoAck, exclusive, noLocal, noWait bool, args Table) (<-chan Delivery, error) {
	return nil, nil
}
func (ch *Channel) Publish(exchange, key string, mandatory, immediate bool, msg Publishing) error {
	return nil
}
func (ch *Channel) PublishWithContext(ctx context.Context, exchange, key string, mandatory, immediate bool, msg Publishing) error {
	return nil
}
