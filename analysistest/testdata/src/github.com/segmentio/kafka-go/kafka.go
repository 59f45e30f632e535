// Package kafka is a stub of github.com/segmentio/kafka-go v0.4.51 for
// analysistest: the declarations idemlint's tests use, with the real signatures.
package kafka

import (
	"context"
	"time"
)

// Header is a key/value pair type representing headers set on records.
type Header struct {
	Key   string
	Value []byte
}

// Message is a data structure representing kafka messages.
type Message struct {
	Topic         string
	Partition     int
	Offset        int64
	HighWaterMark int64
	Key           []byte
	Value         []byte
	Headers       []Header
	WriterData    interface{}
	Time          time.Time
}

// ReaderConfig is a configuration object used to create new instances of Reader.
type ReaderConfig struct {
	Brokers []string
	GroupID string
	Topic   string
}

// Reader provides a high-level API for consuming messages from kafka.
type Reader struct{ config ReaderConfig }

func NewReader(config ReaderConfig) *Reader                                 { return &Reader{config: config} }
func (r *Reader) ReadMessage(ctx context.Context) (Message, error)          { return Message{}, nil }
func (r *Reader) FetchMessage(ctx context.Context) (Message, error)         { return Message{}, nil }
func (r *Reader) CommitMessages(ctx context.Context, msgs ...Message) error { return nil }
func (r *Reader) Close() error                                              { return nil }

// Writer provides a high-level API for producing messages to kafka.
type Writer struct {
	Addr  net
	Topic string
}

type net interface{}

func (w *Writer) WriteMessages(ctx context.Context, msgs ...Message) error { return nil }
func (w *Writer) Close() error                                             { return nil }
