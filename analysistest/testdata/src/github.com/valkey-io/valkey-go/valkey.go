// Package valkey is a stub of github.com/valkey-io/valkey-go v1.0.80 with the real signatures of what idemlint
// models: the command builder, Do/DoCache/DoMulti, results, IsValkeyNil and Lua scripts.
package valkey

import (
	"context"
	"time"

	"github.com/valkey-io/valkey-go/internal/cmds"
)

type (
	Builder    = cmds.Builder
	Incomplete = cmds.Incomplete
	Completed  = cmds.Completed
	Cacheable  = cmds.Cacheable
)

type ClientOption struct {
	InitAddress []string
}

type CacheableTTL struct {
	Cmd Cacheable
	TTL time.Duration
}

type CommandClient interface {
	B() Builder
	Do(ctx context.Context, cmd Completed) (resp ValkeyResult)
	DoMulti(ctx context.Context, multi ...Completed) (resp []ValkeyResult)
}

type CoreClient interface {
	CommandClient
	Close()
}

type Client interface {
	CoreClient
	DoCache(ctx context.Context, cmd Cacheable, ttl time.Duration) (resp ValkeyResult)
	DoMultiCache(ctx context.Context, multi ...CacheableTTL) (resp []ValkeyResult)
	Dedicated(fn func(DedicatedClient) error) (err error)
}

type DedicatedClient interface {
	CommandClient
}

func NewClient(option ClientOption) (client Client, err error) { return nil, nil }

type ValkeyError struct{ typ byte }

func (r *ValkeyError) Error() string { return "" }

var Nil = &ValkeyError{typ: '_'}

func IsValkeyNil(err error) bool { return err == Nil }

type ValkeyResult struct {
	err error
}

func (r ValkeyResult) Error() (err error)              { return r.err }
func (r ValkeyResult) ToString() (v string, err error) { return "", r.err }
func (r ValkeyResult) AsBytes() (v []byte, err error)  { return nil, r.err }
func (r ValkeyResult) AsInt64() (v int64, err error)   { return 0, r.err }
func (r ValkeyResult) AsBool() (v bool, err error)     { return false, r.err }
func (r ValkeyResult) ToAny() (v any, err error)       { return nil, r.err }

type Lua struct{ script string }

type LuaOption func(*Lua)

func NewLuaScript(script string, opts ...LuaOption) *Lua { return &Lua{script: script} }

func (s *Lua) Exec(ctx context.Context, c Client, keys, args []string) (resp ValkeyResult) {
	return ValkeyResult{}
}
