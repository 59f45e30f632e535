// Package grpcsrv reads the client's gRPC metadata.
package grpcsrv

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc/metadata"

	"example.com/headermod/client"
)

// Outgoing is how this service calls its peers.
var Outgoing = client.WithEvent

type Server struct{ RDB *redis.Client }

// Upper indexes metadata with upper case: never matches.
func (s *Server) Upper(ctx context.Context) []string {
	md, _ := metadata.FromIncomingContext(ctx)
	return md["X-Event-Id"] // want headermismatch
}

// ByRequestID dedups on a per-request id.
func (s *Server) ByRequestID(ctx context.Context) error {
	md, _ := metadata.FromIncomingContext(ctx)
	ids := md.Get("x-request-id") // want headermismatch
	if len(ids) == 0 {
		return nil
	}
	s.RDB.SetNX(ctx, "evt:"+ids[0], 1, time.Hour)
	return nil
}

// ByEventID dedups on what the client sends.
func (s *Server) ByEventID(ctx context.Context) error {
	md, _ := metadata.FromIncomingContext(ctx)
	ids := md.Get("X-Event-Id")
	if len(ids) == 0 {
		return nil
	}
	s.RDB.SetNX(ctx, "evt:"+ids[0], 1, time.Hour)
	return nil
}
