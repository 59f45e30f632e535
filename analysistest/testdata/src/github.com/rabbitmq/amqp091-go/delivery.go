// Package amqp091 is a stub of github.com/rabbitmq/amqp091-go v1.10.0.
package amqp091

import "time"

type Table map[string]interface{}

type Delivery struct {
	Headers       Table
	ContentType   string
	CorrelationId string
	MessageId     string
	Timestamp     time.Time
	Type          string
	UserId        string
	AppId         string
	DeliveryTag   uint64
	Redelivered   bool
	Exchange      string
	RoutingKey    string
	Body          []byte
}

func (d Delivery) Ack(multiple bool) error { return nil }
