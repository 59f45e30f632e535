package redis

import "context"

type pipelineExecer func(context.Context, []Cmder) error

// Pipeliner is a mechanism to realise Redis Pipeline technique.
type Pipeliner interface {
	StatefulCmdable

	// Len obtains the number of commands in the pipeline that have not yet been executed.
	Len() int

	// Do is an API for executing any command.
	Do(ctx context.Context, args ...interface{}) *Cmd

	// Process queues the cmd for later execution.
	Process(ctx context.Context, cmd Cmder) error

	// BatchProcess adds multiple commands to be executed into the pipeline buffer.
	BatchProcess(ctx context.Context, cmd ...Cmder) error

	// Discard discards all commands in the pipeline buffer that have not yet been executed.
	Discard()

	// Exec sends all the commands buffered in the pipeline to the redis server.
	Exec(ctx context.Context) ([]Cmder, error)

	// Cmds returns the list of queued commands.
	Cmds() []Cmder
}

var _ Pipeliner = (*Pipeline)(nil)

// Pipeline implements pipelining as described in
// https://redis.io/docs/latest/develop/using-commands/pipelining.
type Pipeline struct {
	cmdable
	statefulCmdable

	exec pipelineExecer
	cmds []Cmder
}

func (c *Pipeline) Len() int                                             { return len(c.cmds) }
func (c *Pipeline) Do(ctx context.Context, args ...interface{}) *Cmd     { return &Cmd{} }
func (c *Pipeline) Process(ctx context.Context, cmd Cmder) error         { return nil }
func (c *Pipeline) BatchProcess(ctx context.Context, cmd ...Cmder) error { return nil }
func (c *Pipeline) Discard()                                             {}
func (c *Pipeline) Exec(ctx context.Context) ([]Cmder, error)            { return nil, nil }
func (c *Pipeline) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Pipeline) Pipeline() Pipeliner { return c }
func (c *Pipeline) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Pipeline) TxPipeline() Pipeliner { return c }
func (c *Pipeline) Cmds() []Cmder         { return c.cmds }
