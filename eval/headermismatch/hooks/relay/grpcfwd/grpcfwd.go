// Package grpcfwd forwards envelopes to the gRPC consumers (search, ledger's
// projection service). Only the metadata handling lives here; the generated
// stubs are passed in as Invoker.
package grpcfwd

import (
	"context"
	"crypto/rand"
	"strconv"
	"time"

	"google.golang.org/grpc/metadata"

	"example.com/hooks/internal/hdr"
	"example.com/hooks/relay/client"
)

// Invoker is one generated client method bound to its request.
type Invoker func(ctx context.Context, env client.Envelope) error

// Forward calls invoke with the event id in metadata, retrying up to attempts times.
func Forward(ctx context.Context, invoke Invoker, env client.Envelope, attempts int) error {
	var err error
	for attempt := 1; attempt <= attempts; attempt++ {
		octx := metadata.AppendToOutgoingContext(ctx,
			hdr.MDEventID, env.ID,
			hdr.MDRequestID, rand.Text(),
			hdr.MDAttempt, strconv.Itoa(attempt),
		)
		if err = invoke(octx, env); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt) * 250 * time.Millisecond)
	}
	return err
}

// WithSource tags every call made with ctx with the forwarding region.
func WithSource(ctx context.Context, region string) context.Context {
	return metadata.NewOutgoingContext(ctx, metadata.Pairs(hdr.MDSource, region))
}

// EventID returns the relay's event id from an incoming call's metadata.
// Servers use it to dedup.
func EventID(ctx context.Context) string {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return ""
	}
	if v := md.Get(hdr.MDEventID); len(v) > 0 {
		return v[0]
	}
	return ""
}
