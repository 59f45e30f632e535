package redis

import (
	"context"
	"time"
)

// DialOption specifies an option for dialing a Redis server.
type DialOption struct {
	f func(*dialOptions)
}

type dialOptions struct {
	readTimeout  time.Duration
	writeTimeout time.Duration
	db           int
	password     string
}

func DialReadTimeout(d time.Duration) DialOption    { return DialOption{} }
func DialWriteTimeout(d time.Duration) DialOption   { return DialOption{} }
func DialConnectTimeout(d time.Duration) DialOption { return DialOption{} }
func DialDatabase(db int) DialOption                { return DialOption{} }
func DialPassword(password string) DialOption       { return DialOption{} }

// Dial connects to the Redis server at the given network and
// address using the specified options.
func Dial(network, address string, options ...DialOption) (Conn, error) { return nil, nil }

// DialContext connects to the Redis server at the given network and
// address using the specified options and context.
func DialContext(ctx context.Context, network, address string, options ...DialOption) (Conn, error) {
	return nil, nil
}

// DialURL connects to a Redis server at the given URL using the Redis
// URI scheme.
func DialURL(rawurl string, options ...DialOption) (Conn, error) { return nil, nil }
