// Package redis is a minimal analysistest stub of
// github.com/redis/go-redis/v9 (v9.23.0). Declaration structure (which type or
// interface declares which method) mirrors the real module.
package redis

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9/internal/proto"
)

// Nil reply returned by Redis when key does not exist.
const Nil = proto.Nil

// TxFailedErr transaction redis failed.
const TxFailedErr = proto.RedisError("redis: transaction failed")

type Error interface {
	error
	RedisError()
}

var _ Error = proto.RedisError("")

func HasErrorPrefix(err error, prefix string) bool { return false }

type PoolStats struct {
	Hits, Misses, Timeouts            uint32
	TotalConns, IdleConns, StaleConns uint32
}

type hooksMixin struct{}

type baseClient struct {
	hooksMixin
	opt *Options
}

func (c *baseClient) String() string { return "" }

// Close closes the client, releasing any open resources.
func (c *baseClient) Close() error { return nil }

// Client is a Redis client representing a pool of zero or more underlying
// connections.
type Client struct {
	*baseClient
	cmdable
}

// NewClient returns a client to the Redis Server specified by Options.
func NewClient(opt *Options) *Client { return &Client{baseClient: &baseClient{opt: opt}} }

// NewFailoverClient returns a Redis client that uses Redis Sentinel.
func NewFailoverClient(failoverOpt *FailoverOptions) *Client {
	return &Client{baseClient: &baseClient{}}
}

func (c *Client) WithTimeout(timeout time.Duration) *Client { return c }
func (c *Client) Close() error                              { return nil }
func (c *Client) Conn() *Conn                               { return &Conn{} }
func (c *Client) Process(ctx context.Context, cmd Cmder) error {
	return nil
}
func (c *Client) Options() *Options     { return c.opt }
func (c *Client) PoolStats() *PoolStats { return &PoolStats{} }
func (c *Client) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Client) Pipeline() Pipeliner { return &Pipeline{} }
func (c *Client) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Client) TxPipeline() Pipeliner { return &Pipeline{} }
func (c *Client) Subscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}
func (c *Client) PSubscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}
func (c *Client) SSubscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}

// Conn represents a single Redis connection rather than a pool of connections.
type Conn struct {
	baseClient
	cmdable
	statefulCmdable
}

func (c *Conn) Process(ctx context.Context, cmd Cmder) error { return nil }
func (c *Conn) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Conn) Pipeline() Pipeliner { return &Pipeline{} }
func (c *Conn) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Conn) TxPipeline() Pipeliner { return &Pipeline{} }

// PubSub implements Pub/Sub commands.
type PubSub struct {
	opt *Options
}

func (c *PubSub) Close() error { return nil }
func (c *PubSub) ReceiveMessage(ctx context.Context) (*Message, error) {
	return nil, nil
}
func (c *PubSub) Channel(opts ...ChannelOption) <-chan *Message { return nil }

type ChannelOption func(c *channel)

type channel struct{}

// Message received as result of a PUBLISH command issued by another client.
type Message struct {
	Channel      string
	Pattern      string
	Payload      string
	PayloadSlice []string
}
