package model

// Retry helpers: a func literal handed to one of them runs once per attempt
// (github.com/avast/retry-go retry.Do, github.com/cenkalti/backoff backoff.Retry,
// github.com/sethvargo/go-retry, and a team's own withRetry). A key minted inside
// it is new on every attempt.

import (
	"go/types"
	"strings"
)

// RetryHelper reports whether calling fn retries the func it is given.
func RetryHelper(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	name := strings.ToLower(fn.Pkg().Path() + "." + fn.Name())
	return strings.Contains(name, "retry") || strings.Contains(name, "backoff")
}
