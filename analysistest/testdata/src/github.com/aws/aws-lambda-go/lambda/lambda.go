// Package lambda is a stub of github.com/aws/aws-lambda-go/lambda v1.55.1.
package lambda

import "context"

// Option configures a handler.
type Option func(*handlerOptions)

type handlerOptions struct{}

func Start(handler interface{})                                 {}
func StartWithContext(ctx context.Context, handler interface{}) {}
func StartWithOptions(handler interface{}, options ...Option)   {}
