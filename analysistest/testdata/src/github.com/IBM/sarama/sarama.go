// Package sarama is a stub of github.com/IBM/sarama v1.61.1 for analysistest: the
// declarations idemlint's tests use, with the real signatures.
package sarama

import (
	"context"
	"time"
)

// RecordHeader stores key and value for a record header.
type RecordHeader struct {
	Key   []byte
	Value []byte
}

// ConsumerMessage encapsulates a Kafka message returned by the consumer.
type ConsumerMessage struct {
	Headers        []*RecordHeader
	Timestamp      time.Time
	BlockTimestamp time.Time

	Key, Value []byte
	Topic      string
	Partition  int32
	Offset     int64
}

// ConsumerGroupSession represents a consumer group member session.
type ConsumerGroupSession interface {
	Claims() map[string][]int32
	MemberID() string
	GenerationID() int32
	MarkOffset(topic string, partition int32, offset int64, metadata string)
	Commit()
	ResetOffset(topic string, partition int32, offset int64, metadata string)
	MarkMessage(msg *ConsumerMessage, metadata string)
	Context() context.Context
}

// ConsumerGroupHandler instances are used to handle individual topic/partition claims.
type ConsumerGroupHandler interface {
	Setup(ConsumerGroupSession) error
	Cleanup(ConsumerGroupSession) error
	ConsumeClaim(ConsumerGroupSession, ConsumerGroupClaim) error
}

// ConsumerGroupClaim processes Kafka messages from a given topic and partition.
type ConsumerGroupClaim interface {
	Topic() string
	Partition() int32
	InitialOffset() int64
	HighWaterMarkOffset() int64
	Messages() <-chan *ConsumerMessage
}

// ConsumerGroup is responsible for dividing up processing of topics and partitions.
type ConsumerGroup interface {
	Consume(ctx context.Context, topics []string, handler ConsumerGroupHandler) error
	Errors() <-chan error
	Close() error
}

// Encoder is a simple interface for any type that can be encoded as an array of bytes.
type Encoder interface {
	Encode() ([]byte, error)
	Length() int
}

// StringEncoder implements the Encoder interface for Go strings.
type StringEncoder string

func (s StringEncoder) Encode() ([]byte, error) { return []byte(s), nil }
func (s StringEncoder) Length() int             { return len(s) }

// ProducerMessage is the collection of elements passed to the Producer.
type ProducerMessage struct {
	Topic   string
	Key     Encoder
	Value   Encoder
	Headers []RecordHeader
}

// SyncProducer publishes Kafka messages, blocking until they have been acknowledged.
type SyncProducer interface {
	SendMessage(msg *ProducerMessage) (partition int32, offset int64, err error)
	SendMessages(msgs []*ProducerMessage) error
	Close() error
}
