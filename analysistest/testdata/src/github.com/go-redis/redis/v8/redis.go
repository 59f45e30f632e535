// Package redis is a minimal analysistest stub of
// github.com/go-redis/redis/v8 (v8.11.5). Declaration structure (which type or
// interface declares which method) mirrors the real module.
package redis

import (
	"context"
	"time"

	"github.com/go-redis/redis/v8/internal/proto"
)

// Nil reply returned by Redis when key does not exist.
const Nil = proto.Nil

type Error interface {
	error

	// RedisError is a no-op function but
	// serves to distinguish types that are Redis
	// errors from ordinary errors: a type is a
	// Redis error if it has a RedisError method.
	RedisError()
}

var _ Error = proto.RedisError("")

type Hook interface {
	BeforeProcess(ctx context.Context, cmd Cmder) (context.Context, error)
	AfterProcess(ctx context.Context, cmd Cmder) error

	BeforeProcessPipeline(ctx context.Context, cmds []Cmder) (context.Context, error)
	AfterProcessPipeline(ctx context.Context, cmds []Cmder) error
}

type hooks struct {
	hooks []Hook
}

func (hs *hooks) AddHook(hook Hook) { hs.hooks = append(hs.hooks, hook) }

type baseClient struct {
	opt *Options
}

func (c *baseClient) String() string { return "" }

// Close closes the client, releasing any open resources.
func (c *baseClient) Close() error { return nil }

// Client is a Redis client representing a pool of zero or more
// underlying connections. It's safe for concurrent use by multiple
// goroutines.
type Client struct {
	*baseClient
	cmdable
	hooks
	ctx context.Context
}

// NewClient returns a client to the Redis Server specified by Options.
func NewClient(opt *Options) *Client { return &Client{baseClient: &baseClient{opt: opt}} }

// NewFailoverClient returns a Redis client that uses Redis Sentinel.
func NewFailoverClient(failoverOpt *FailoverOptions) *Client {
	return &Client{baseClient: &baseClient{}}
}

func (c *Client) WithTimeout(timeout time.Duration) *Client        { return c }
func (c *Client) Context() context.Context                         { return c.ctx }
func (c *Client) WithContext(ctx context.Context) *Client          { return c }
func (c *Client) Conn(ctx context.Context) *Conn                   { return &Conn{} }
func (c *Client) Do(ctx context.Context, args ...interface{}) *Cmd { return &Cmd{} }
func (c *Client) Process(ctx context.Context, cmd Cmder) error     { return nil }
func (c *Client) Options() *Options                                { return c.opt }

type PoolStats struct {
	Hits, Misses, Timeouts            uint32
	TotalConns, IdleConns, StaleConns uint32
}

// PoolStats returns connection pool stats.
func (c *Client) PoolStats() *PoolStats { return &PoolStats{} }

func (c *Client) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Client) Pipeline() Pipeliner { return &Pipeline{} }
func (c *Client) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

// TxPipeline acts like Pipeline, but wraps queued commands with MULTI/EXEC.
func (c *Client) TxPipeline() Pipeliner { return &Pipeline{} }

func (c *Client) Subscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}
func (c *Client) PSubscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}

//------------------------------------------------------------------------------

type conn struct {
	baseClient
	cmdable
	statefulCmdable
	hooks // TODO: inherit hooks
}

// Conn represents a single Redis connection rather than a pool of connections.
type Conn struct {
	*conn
	ctx context.Context
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

//------------------------------------------------------------------------------

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
