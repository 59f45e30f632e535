package redis

import "context"

// Ring is a Redis client that uses consistent hashing to distribute
// keys across multiple Redis servers (shards).
type Ring struct {
	cmdable
	hooksMixin

	opt *RingOptions
}

// NewRing returns a Redis Ring client to the Redis Server specified by RingOptions.
func NewRing(opt *RingOptions) *Ring { return &Ring{opt: opt} }

func (c *Ring) SetAddrs(addrs map[string]string)             {}
func (c *Ring) Process(ctx context.Context, cmd Cmder) error { return nil }
func (c *Ring) Options() *RingOptions                        { return c.opt }
func (c *Ring) PoolStats() *PoolStats                        { return &PoolStats{} }
func (c *Ring) Len() int                                     { return 0 }
func (c *Ring) Subscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}
func (c *Ring) PSubscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}
func (c *Ring) SSubscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}

// Publish posts the message to the channel (overrides the promoted cmdable.Publish).
func (c *Ring) Publish(ctx context.Context, channel string, message interface{}) *IntCmd {
	return &IntCmd{}
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
