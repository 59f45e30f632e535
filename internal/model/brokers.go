package model

// Broker messages and the fields that identify one message across redeliveries.
// A consumer that has one of these in hand and mints a UUID for its dedup key (or
// keys on the sender's user id) throws the identity away.

import "go/types"

// messageTypes maps "pkg/path.Type" of a delivered message to its identity fields:
// the same on every redelivery of that message, different for another message.
// Delivery types without a listed identity come from the entry-point table.
var messageTypes = map[string][]string{
	"github.com/rabbitmq/amqp091-go.Delivery":                {"MessageId"},
	"github.com/streadway/amqp.Delivery":                     {"MessageId"},
	"github.com/segmentio/kafka-go.Message":                  {"Offset"}, // with Topic and Partition
	"github.com/IBM/sarama.ConsumerMessage":                  {"Offset"},
	"github.com/Shopify/sarama.ConsumerMessage":              {"Offset"},
	"github.com/aws/aws-sdk-go-v2/service/sqs/types.Message": {"MessageId"},
	"github.com/aws/aws-lambda-go/events.SQSMessage":         {"MessageId"},
	"github.com/nats-io/nats.go.Msg":                         nil, // the Nats-Msg-Id header
	"cloud.google.com/go/pubsub.Message":                     {"ID"},
	"cloud.google.com/go/pubsub/v2.Message":                  {"ID"},
	"github.com/hibiken/asynq.Task":                          nil,
	stripe + ".Event":                                        {"ID"},
}

// MessageType reports whether t (or what it points to) is a delivered broker
// message or webhook event.
func MessageType(t types.Type) bool {
	if _, ok := messageTypes[typeName(t)]; ok {
		return true
	}
	e := EntryType(t) // the delivery types of the entry-point table
	return e != nil && (e.Shape == MessageChan || e.Shape == HandlerParam)
}

// MessageField classifies field of a message type: OperationPart for its identity,
// UnknownPart for anything else (a Kafka message's Key is a partition key, often
// the user id, not the message's identity), ok false when t is no message type.
func MessageField(t types.Type, field string) (Part, bool) {
	ids, ok := messageTypes[typeName(t)]
	if !ok {
		return UnknownPart, false
	}
	for _, id := range ids {
		if id == field {
			return OperationPart, true
		}
	}
	return UnknownPart, true
}

// typeName is "pkg/path.Name" of a named type or a pointer to one, or "".
func typeName(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name()
}
