package redis

import "context"

type ring struct {
	opt *RingOptions
}

// Ring is a Redis client that uses consistent hashing to distribute
// keys across multiple Redis servers (shards).
type Ring struct {
	*ring
	cmdable
	hooks
	ctx context.Context
}

func NewRing(opt *RingOptions) *Ring { return &Ring{ring: &ring{opt: opt}} }

func (c *Ring) Context() context.Context                         { return c.ctx }
func (c *Ring) WithContext(ctx context.Context) *Ring            { return c }
func (c *Ring) Do(ctx context.Context, args ...interface{}) *Cmd { return &Cmd{} }
func (c *Ring) Process(ctx context.Context, cmd Cmder) error     { return nil }
func (c *Ring) Options() *RingOptions                            { return c.opt }
func (c *Ring) PoolStats() *PoolStats                            { return &PoolStats{} }
func (c *Ring) Len() int                                         { return 0 }
func (c *Ring) Subscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}
func (c *Ring) PSubscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}
func (c *Ring) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Ring) Pipeline() Pipeliner { return &Pipeline{} }
func (c *Ring) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Ring) TxPipeline() Pipeliner { return &Pipeline{} }
func (c *Ring) Watch(ctx context.Context, fn func(*Tx) error, keys ...string) error {
	return nil
}
func (c *Ring) Close() error { return nil }
