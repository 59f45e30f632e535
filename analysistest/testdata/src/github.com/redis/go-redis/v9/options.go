package redis

import "time"

// Options keeps the settings to set up redis connection.
type Options struct {
	Network      string
	Addr         string
	ClientName   string
	Protocol     int
	Username     string
	Password     string
	DB           int
	MaxRetries   int
	DialTimeout  time.Duration
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	PoolSize     int
}

func ParseURL(redisURL string) (*Options, error) { return &Options{}, nil }

// ClusterOptions are used to configure a cluster client.
type ClusterOptions struct {
	Addrs        []string
	ClientName   string
	Protocol     int
	Username     string
	Password     string
	MaxRetries   int
	DialTimeout  time.Duration
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	PoolSize     int
}

// UniversalOptions information is required by UniversalClient to establish
// connections.
type UniversalOptions struct {
	Addrs        []string
	ClientName   string
	DB           int
	Protocol     int
	Username     string
	Password     string
	MaxRetries   int
	DialTimeout  time.Duration
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	PoolSize     int
	MasterName   string
}

// RingOptions are used to configure a ring client.
type RingOptions struct {
	Addrs        map[string]string
	ClientName   string
	Protocol     int
	Username     string
	Password     string
	DB           int
	MaxRetries   int
	DialTimeout  time.Duration
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	PoolSize     int
}

// FailoverOptions are used to configure a failover client.
type FailoverOptions struct {
	MasterName    string
	SentinelAddrs []string
	Username      string
	Password      string
	DB            int
}
