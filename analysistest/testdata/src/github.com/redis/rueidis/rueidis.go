// Package rueidis is a stub of github.com/redis/rueidis v1.0.80 with the real signatures of what idemlint
// models: the command builder, Do/DoCache/DoMulti, results, IsRedisNil and Lua scripts.
package rueidis

import (
	"context"
	"time"

	"github.com/redis/rueidis/internal/cmds"
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
	Do(ctx context.Context, cmd Completed) (resp RedisResult)
	DoMulti(ctx context.Context, multi ...Completed) (resp []RedisResult)
}

type CoreClient interface {
	CommandClient
	Close()
}

type Client interface {
	CoreClient
	DoCache(ctx context.Context, cmd Cacheable, ttl time.Duration) (resp RedisResult)
	DoMultiCache(ctx context.Context, multi ...CacheableTTL) (resp []RedisResult)
	Dedicated(fn func(DedicatedClient) error) (err error)
}

type DedicatedClient interface {
	CommandClient
}

func NewClient(option ClientOption) (client Client, err error) { return nil, nil }

type RedisError struct{ typ byte }

func (r *RedisError) Error() string { return "" }

var Nil = &RedisError{typ: '_'}

func IsRedisNil(err error) bool { return err == Nil }

type RedisResult struct {
	err error
}

func (r RedisResult) Error() (err error)              { return r.err }
func (r RedisResult) ToString() (v string, err error) { return "", r.err }
func (r RedisResult) AsBytes() (v []byte, err error)  { return nil, r.err }
func (r RedisResult) AsInt64() (v int64, err error)   { return 0, r.err }
func (r RedisResult) AsBool() (v bool, err error)     { return false, r.err }
func (r RedisResult) ToAny() (v any, err error)       { return nil, r.err }

type Lua struct{ script string }

type LuaOption func(*Lua)

func NewLuaScript(script string, opts ...LuaOption) *Lua { return &Lua{script: script} }

func (s *Lua) Exec(ctx context.Context, c Client, keys, args []string) (resp RedisResult) {
	return RedisResult{}
}
