// Package asynq is a stub of github.com/hibiken/asynq v0.26.0 for analysistest:
// the declarations idemlint's tests use, with the real signatures.
package asynq

import (
	"context"
	"time"
)

// Task represents a unit of work to be performed.
type Task struct {
	typename string
	payload  []byte
}

func NewTask(typename string, payload []byte, opts ...Option) *Task {
	return &Task{typename: typename, payload: payload}
}
func (t *Task) Type() string    { return t.typename }
func (t *Task) Payload() []byte { return t.payload }

// Handler processes tasks.
type Handler interface {
	ProcessTask(context.Context, *Task) error
}

// HandlerFunc is an adapter to allow the use of ordinary functions as a Handler.
type HandlerFunc func(context.Context, *Task) error

func (fn HandlerFunc) ProcessTask(ctx context.Context, task *Task) error { return fn(ctx, task) }

// MiddlewareFunc is a function which receives an asynq.Handler and returns another.
type MiddlewareFunc func(Handler) Handler

// ServeMux is a multiplexer for asynchronous tasks.
type ServeMux struct{}

func NewServeMux() *ServeMux                                                                { return &ServeMux{} }
func (mux *ServeMux) Handle(pattern string, handler Handler)                                {}
func (mux *ServeMux) HandleFunc(pattern string, handler func(context.Context, *Task) error) {}
func (mux *ServeMux) Use(mws ...MiddlewareFunc)                                             {}
func (mux *ServeMux) ProcessTask(ctx context.Context, task *Task) error                     { return nil }

// Option specifies the task processing behavior.
type Option interface{ String() string }

type taskIDOption string

func (id taskIDOption) String() string { return string(id) }

// TaskID returns an option to specify the task ID.
func TaskID(id string) Option { return taskIDOption(id) }

type uniqueOption time.Duration

func (u uniqueOption) String() string { return "Unique" }

// Unique returns an option to enqueue a task only if the given task is unique.
func Unique(ttl time.Duration) Option { return uniqueOption(ttl) }

// TaskInfo describes a task and its metadata.
type TaskInfo struct{ ID string }

// Client is responsible for scheduling tasks.
type Client struct{}

func (c *Client) Enqueue(task *Task, opts ...Option) (*TaskInfo, error) { return &TaskInfo{}, nil }
func (c *Client) EnqueueContext(ctx context.Context, task *Task, opts ...Option) (*TaskInfo, error) {
	return &TaskInfo{}, nil
}
