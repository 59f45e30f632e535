package redis

import (
	"context"
	"sync"
)

type pipelineExecer func(context.Context, []Cmder) error

// Pipeliner is an mechanism to realise Redis Pipeline technique.
type Pipeliner interface {
	StatefulCmdable
	Len() int
	Do(ctx context.Context, args ...interface{}) *Cmd
	Process(ctx context.Context, cmd Cmder) error
	Close() error
	Discard() error
	Exec(ctx context.Context) ([]Cmder, error)
}

var _ Pipeliner = (*Pipeline)(nil)

// Pipeline implements pipelining as described in
// http://redis.io/topics/pipelining. It's safe for concurrent use
// by multiple goroutines.
type Pipeline struct {
	cmdable
	statefulCmdable

	ctx  context.Context
	exec pipelineExecer

	mu     sync.Mutex
	cmds   []Cmder
	closed bool
}

func (c *Pipeline) Len() int                                         { return len(c.cmds) }
func (c *Pipeline) Do(ctx context.Context, args ...interface{}) *Cmd { return &Cmd{} }
func (c *Pipeline) Process(ctx context.Context, cmd Cmder) error     { return nil }
func (c *Pipeline) Close() error                                     { return nil }
func (c *Pipeline) Discard() error                                   { return nil }
func (c *Pipeline) Exec(ctx context.Context) ([]Cmder, error)        { return nil, nil }
func (c *Pipeline) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Pipeline) Pipeline() Pipeliner { return c }
func (c *Pipeline) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Pipeline) TxPipeline() Pipeliner { return c }
