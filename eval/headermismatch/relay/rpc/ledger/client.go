// Package ledger holds both sides of the ledger service's gRPC calls. The generated
// stubs live elsewhere; these wrappers only deal with metadata.
package ledger

import (
	"context"
	"fmt"
	"time"

	"google.golang.org/grpc/metadata"
)

// Invoker is the generated client method, e.g. LedgerClient.PostEntry.
type Invoker func(ctx context.Context, req any) (any, error)

type Client struct {
	post     Invoker
	transfer Invoker
	reverse  Invoker
}

func NewClient(post, transfer, reverse Invoker) *Client {
	return &Client{post: post, transfer: transfer, reverse: reverse}
}

func requestID() string { return fmt.Sprintf("req-%d", time.Now().UnixNano()) }

// PostEntry posts an entry; every retry carries the same idempotency key.
func (c *Client) PostEntry(ctx context.Context, entryKey string, req any) (any, error) {
	ctx = metadata.AppendToOutgoingContext(ctx,
		"x-idempotency-key", entryKey,
		"x-request-id", requestID())
	return c.post(ctx, req)
}

// Transfer moves money between accounts once per transfer event.
func (c *Client) Transfer(ctx context.Context, eventID string, req any) (any, error) {
	md := metadata.Pairs("x-event-id", eventID, "x-request-id", requestID())
	return c.transfer(metadata.NewOutgoingContext(ctx, md), req)
}

// Reverse reverses an entry once per entry key.
func (c *Client) Reverse(ctx context.Context, entryKey string, req any) (any, error) {
	md := metadata.New(map[string]string{"x-idempotency-key": entryKey})
	md.Set("x-request-id", requestID())
	return c.reverse(metadata.NewOutgoingContext(ctx, md), req)
}
