// Package proto is a minimal analysistest stub of
// github.com/go-redis/redis/v8/internal/proto (v8.11.5).
package proto

const Nil = RedisError("redis: nil") // nolint:errname

type RedisError string

func (e RedisError) Error() string { return string(e) }

func (RedisError) RedisError() {}
