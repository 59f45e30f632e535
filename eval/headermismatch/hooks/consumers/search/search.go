// Package search keeps the search index in step with forwarded events; the
// relay calls it over gRPC through relay/grpcfwd.
package search

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc/metadata"

	"example.com/hooks/internal/dedup"
	"example.com/hooks/internal/hdr"
	"example.com/hooks/relay/client"
	"example.com/hooks/relay/grpcfwd"
)

type Index interface {
	Upsert(ctx context.Context, env client.Envelope) error
	Remove(ctx context.Context, id string) error
}

type Server struct {
	rdb    *redis.Client
	claims *dedup.Redis
	idx    Index
	log    *slog.Logger
	seen   sync.Map
}

func NewServer(rdb *redis.Client, idx Index, log *slog.Logger) *Server {
	return &Server{rdb: rdb, claims: dedup.NewRedis(rdb, "search:"), idx: idx, log: log}
}

var errNoMD = errors.New("search: no incoming metadata")

// Index is search.v1.Indexer/Index.
func (s *Server) Index(ctx context.Context, env client.Envelope) error {
	id := grpcfwd.EventID(ctx)
	first, err := s.claims.Claim(ctx, "index:"+id)
	if err != nil || !first {
		return err
	}
	return s.idx.Upsert(ctx, env)
}

// Reindex is search.v1.Indexer/Reindex.
func (s *Server) Reindex(ctx context.Context, env client.Envelope) error {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return errNoMD
	}
	rid := md.Get(hdr.MDRequestID) // BUG: headermismatch
	if len(rid) == 0 {
		return errors.New("missing request id")
	}
	first, err := s.rdb.SetNX(ctx, "reindex:"+rid[0], 1, dedup.Window).Result()
	if err != nil || !first {
		return err
	}
	return s.idx.Upsert(ctx, env)
}

// Remove is search.v1.Indexer/Remove.
func (s *Server) Remove(ctx context.Context, env client.Envelope) error {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return errNoMD
	}
	ids := md.Get("x-evt-id") // BUG: headermismatch
	if len(ids) == 0 {
		return errors.New("missing event id")
	}
	if _, dup := s.seen.LoadOrStore("remove:"+ids[0], struct{}{}); dup {
		return nil
	}
	return s.idx.Remove(ctx, env.ID)
}

// Suggest is search.v1.Indexer/Suggest.
func (s *Server) Suggest(ctx context.Context, env client.Envelope) error {
	md, _ := metadata.FromIncomingContext(ctx)
	keys := md["Idempotency-Key"] // BUG: headermismatch
	if len(keys) > 0 {
		if _, dup := s.seen.LoadOrStore("suggest:"+keys[0], struct{}{}); dup {
			return nil
		}
	}
	return s.idx.Upsert(ctx, env)
}

// Purge is search.v1.Indexer/Purge.
func (s *Server) Purge(ctx context.Context, env client.Envelope) error {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return errNoMD
	}
	ids := md.Get("x_event_id") // BUG: headermismatch
	if len(ids) == 0 {
		return errors.New("missing event id")
	}
	first, err := s.claims.Claim(ctx, "purge:"+ids[0])
	if err != nil || !first {
		return err
	}
	return s.idx.Remove(ctx, env.ID)
}

// Touch is search.v1.Indexer/Touch; it only logs where the call came from.
func (s *Server) Touch(ctx context.Context, env client.Envelope) error {
	md, _ := metadata.FromIncomingContext(ctx)
	s.log.Info("touch", "id", env.ID, "request_id", md["x-request-id"], "source", md.Get(hdr.MDSource),
		"event_id", md.Get("X-Event-Id"))
	return nil
}
