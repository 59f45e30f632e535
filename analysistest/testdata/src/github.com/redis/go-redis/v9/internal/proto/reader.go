// Package proto is a minimal analysistest stub of
// github.com/redis/go-redis/v9/internal/proto (v9.23.0).
package proto

const Nil = RedisError("redis: nil") // nolint:errname

type RedisError string

func (e RedisError) Error() string { return string(e) }

func (RedisError) RedisError() {}
