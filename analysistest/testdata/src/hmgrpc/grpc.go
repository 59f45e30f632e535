// want package:"sends x-event-id x-idempotency-key"
// Package hmgrpc is a gRPC client and server exchanging idempotency keys in
// metadata.
package hmgrpc

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc/metadata"
)

func outgoing(ctx context.Context, key, eventID string) context.Context {
	ctx = metadata.AppendToOutgoingContext(ctx, "x-idempotency-key", key)
	return metadata.NewOutgoingContext(ctx, metadata.Pairs("x-event-id", eventID))
}

type server struct{ rdb *redis.Client }

func (s *server) Charge(ctx context.Context) error {
	md, _ := metadata.FromIncomingContext(ctx)
	upper := md["X-Idempotency-Key"]  // want `metadata.MD index "X-Idempotency-Key" never matches: gRPC metadata keys are lower case`
	keys := md.Get("idempotency-key") // want `header "idempotency-key" is read but this module's senders set "x-idempotency-key"`
	println(upper, keys)
	return nil
}

func (s *server) Seed(ctx context.Context) error {
	vals := metadata.ValueFromIncomingContext(ctx, "idempotency-token") // want `dedup key comes from header "idempotency-token", which no sender in this module sets`
	if len(vals) == 0 {
		return nil
	}
	s.rdb.SetNX(ctx, "k:"+vals[0], 1, time.Hour)
	return nil
}

// Not reported: MD.Get folds case; the key the client sends.

func (s *server) ChargeOK(ctx context.Context) error {
	md, _ := metadata.FromIncomingContext(ctx)
	keys := md.Get("X-Idempotency-Key")
	if len(keys) == 0 {
		return nil
	}
	vals := metadata.ValueFromIncomingContext(ctx, "x-idempotency-key")
	s.rdb.SetNX(ctx, "k:"+keys[0]+vals[0], 1, time.Hour)
	return nil
}
