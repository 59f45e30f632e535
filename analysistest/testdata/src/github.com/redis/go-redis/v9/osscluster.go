package redis

import "context"

// ClusterClient is a Redis Cluster client representing a pool of zero
// or more underlying connections.
type ClusterClient struct {
	opt *ClusterOptions
	cmdable
	hooksMixin
}

// NewClusterClient returns a Redis Cluster client as described in
// http://redis.io/topics/cluster-spec.
func NewClusterClient(opt *ClusterOptions) *ClusterClient { return &ClusterClient{opt: opt} }

func (c *ClusterClient) Options() *ClusterOptions                     { return c.opt }
func (c *ClusterClient) Close() error                                 { return nil }
func (c *ClusterClient) Process(ctx context.Context, cmd Cmder) error { return nil }
func (c *ClusterClient) PoolStats() *PoolStats                        { return &PoolStats{} }
func (c *ClusterClient) Pipeline() Pipeliner                          { return &Pipeline{} }
func (c *ClusterClient) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *ClusterClient) TxPipeline() Pipeliner { return &Pipeline{} }
func (c *ClusterClient) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *ClusterClient) Watch(ctx context.Context, fn func(*Tx) error, keys ...string) error {
	return nil
}
func (c *ClusterClient) Subscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}
func (c *ClusterClient) PSubscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}
func (c *ClusterClient) SSubscribe(ctx context.Context, channels ...string) *PubSub {
	return &PubSub{}
}
func (c *ClusterClient) MasterForKey(ctx context.Context, key string) (*Client, error) {
	return nil, nil
}

// osscluster_commands.go: these override the promoted cmdable methods.

func (c *ClusterClient) ScriptLoad(ctx context.Context, script string) *StringCmd {
	return &StringCmd{}
}
func (c *ClusterClient) ScriptFlush(ctx context.Context) *StatusCmd { return &StatusCmd{} }
func (c *ClusterClient) ScriptExists(ctx context.Context, hashes ...string) *BoolSliceCmd {
	return &BoolSliceCmd{}
}
