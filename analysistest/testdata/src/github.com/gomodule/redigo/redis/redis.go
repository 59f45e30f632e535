// Package redis is a minimal analysistest stub of
// github.com/gomodule/redigo/redis (v1.9.3).
package redis

import (
	"context"
	"errors"
	"time"
)

// Error represents an error returned in a command reply.
type Error string

func (err Error) Error() string { return string(err) }

// Conn represents a connection to a Redis server.
type Conn interface {
	// Close closes the connection.
	Close() error

	// Err returns a non-nil value when the connection is not usable.
	Err() error

	// Do sends a command to the server and returns the received reply.
	Do(commandName string, args ...interface{}) (reply interface{}, err error)

	// Send writes the command to the client's output buffer.
	Send(commandName string, args ...interface{}) error

	// Flush flushes the output buffer to the Redis server.
	Flush() error

	// Receive receives a single reply from the Redis server
	Receive() (reply interface{}, err error)
}

// Argument is the interface implemented by an object which wants to control how
// the object is converted to Redis bulk strings.
type Argument interface {
	RedisArg() interface{}
}

// Scanner is implemented by an object which wants to control its value is
// interpreted when read from Redis.
type Scanner interface {
	RedisScan(src interface{}) error
}

// ConnWithTimeout is an optional interface that allows the caller to override
// a connection's default read timeout.
type ConnWithTimeout interface {
	Conn

	DoWithTimeout(timeout time.Duration, commandName string, args ...interface{}) (reply interface{}, err error)

	ReceiveWithTimeout(timeout time.Duration) (reply interface{}, err error)
}

// ConnWithContext is an optional interface that allows the caller to control the command's life with context.
type ConnWithContext interface {
	Conn

	DoContext(ctx context.Context, commandName string, args ...interface{}) (reply interface{}, err error)

	ReceiveContext(ctx context.Context) (reply interface{}, err error)
}

var errContextNotSupported = errors.New("redis: connection does not support ConnWithContext")

// DoContext sends a command to server and returns the received reply.
func DoContext(c Conn, ctx context.Context, cmd string, args ...interface{}) (interface{}, error) {
	return nil, errContextNotSupported
}

// DoWithTimeout executes a Redis command with the specified read timeout.
func DoWithTimeout(c Conn, timeout time.Duration, cmd string, args ...interface{}) (interface{}, error) {
	return nil, nil
}

// ReceiveContext receives a reply with the specified context.
func ReceiveContext(c Conn, ctx context.Context) (interface{}, error) { return nil, nil }

// ReceiveWithTimeout receives a reply with the specified read timeout.
func ReceiveWithTimeout(c Conn, timeout time.Duration) (interface{}, error) { return nil, nil }
