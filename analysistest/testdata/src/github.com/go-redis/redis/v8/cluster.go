package redis

import "context"

type clusterClient struct {
	opt *ClusterOptions
}

// ClusterClient is a Redis Cluster client representing a pool of zero
// or more underlying connections. It's safe for concurrent use by
// multiple goroutines.
type ClusterClient struct {
	*clusterClient
	cmdable
	hooks
	ctx context.Context
}

// NewClusterClient returns a Redis Cluster client as described in
// http://redis.io/topics/cluster-spec.
func NewClusterClient(opt *ClusterOptions) *ClusterClient {
	return &ClusterClient{clusterClient: &clusterClient{opt: opt}}
}

func (c *ClusterClient) Context() context.Context                       { return c.ctx }
func (c *ClusterClient) WithContext(ctx context.Context) *ClusterClient { return c }
func (c *ClusterClient) Options() *ClusterOptions                       { return c.opt }
func (c *ClusterClient) Close() error                                   { return nil }
func (c *ClusterClient) Do(ctx context.Context, args ...interface{}) *Cmd {
	return &Cmd{}
}
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
func (c *ClusterClient) MasterForKey(ctx context.Context, key string) (*Client, error) {
	return nil, nil
}

// cluster_commands.go: these override the promoted cmdable methods.

func (c *ClusterClient) ScriptLoad(ctx context.Context, script string) *StringCmd {
	return &StringCmd{}
}
func (c *ClusterClient) ScriptFlush(ctx context.Context) *StatusCmd { return &StatusCmd{} }
func (c *ClusterClient) ScriptExists(ctx context.Context, hashes ...string) *BoolSliceCmd {
	return &BoolSliceCmd{}
}
