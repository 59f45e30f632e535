// Package retry is a stub of github.com/avast/retry-go/v4 v4.6.1.
package retry

type RetryableFunc func() error

type Option func(*Config)

type Config struct{ attempts uint }

func Attempts(attempts uint) Option { return func(c *Config) { c.attempts = attempts } }

func Do(retryableFunc RetryableFunc, opts ...Option) error { return retryableFunc() }
