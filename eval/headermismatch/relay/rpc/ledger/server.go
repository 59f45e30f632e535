package ledger

import (
	"context"
	"errors"
	"log/slog"

	"google.golang.org/grpc/metadata"

	"example.com/hmcorpus/internal/dedup"
)

var ErrDuplicate = errors.New("ledger: duplicate request")

type Books interface {
	Post(ctx context.Context, req any) (any, error)
	Transfer(ctx context.Context, req any) (any, error)
	Reverse(ctx context.Context, req any) (any, error)
	Adjust(ctx context.Context, req any) (any, error)
}

type Server struct {
	claims *dedup.Store
	ledger *dedup.Ledger
	books  Books
	log    *slog.Logger
}

func NewServer(c *dedup.Store, l *dedup.Ledger, b Books, log *slog.Logger) *Server {
	return &Server{claims: c, ledger: l, books: b, log: log}
}

func (s *Server) once(ctx context.Context, key string) error {
	fresh, err := s.claims.Claim(ctx, key)
	if err != nil {
		return err
	}
	if !fresh {
		return ErrDuplicate
	}
	return nil
}

// PostEntry implements LedgerServer.PostEntry.
func (s *Server) PostEntry(ctx context.Context, req any) (any, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	keys := md.Get("X-Idempotency-Key")
	if len(keys) == 0 {
		return nil, errors.New("missing x-idempotency-key")
	}
	s.log.InfoContext(ctx, "post entry", "request_id", md.Get("x-request-id"), "key", keys[0])
	if err := s.once(ctx, "post:"+keys[0]); err != nil {
		return nil, err
	}
	return s.books.Post(ctx, req)
}

// PostEntryBatch implements LedgerServer.PostEntryBatch.
func (s *Server) PostEntryBatch(ctx context.Context, reqs []any) error {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return errors.New("no metadata")
	}
	for i, k := range md["x-idempotency-key"] {
		fresh, err := s.ledger.Record(ctx, "ledger-batch", k)
		if err != nil {
			return err
		}
		if fresh && i < len(reqs) {
			if _, err := s.books.Post(ctx, reqs[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// Transfer implements LedgerServer.Transfer.
func (s *Server) Transfer(ctx context.Context, req any) (any, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	rid := md.Get("x-request-id") // BUG: headermismatch
	if len(rid) == 0 {
		return nil, errors.New("missing request id")
	}
	if err := s.once(ctx, "transfer:"+rid[0]); err != nil {
		return nil, err
	}
	return s.books.Transfer(ctx, req)
}

// TransferV2 implements LedgerServer.TransferV2.
func (s *Server) TransferV2(ctx context.Context, req any) (any, error) {
	ids := metadata.ValueFromIncomingContext(ctx, "x-event-id")
	if len(ids) == 0 {
		return nil, errors.New("missing event id")
	}
	if err := s.once(ctx, "transfer:"+ids[0]); err != nil {
		return nil, err
	}
	return s.books.Transfer(ctx, req)
}

// Reverse implements LedgerServer.Reverse.
func (s *Server) Reverse(ctx context.Context, req any) (any, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	keys := md.Get("idempotency-key") // BUG: headermismatch
	if len(keys) == 0 {
		return nil, errors.New("missing key")
	}
	if err := s.once(ctx, "reverse:"+keys[0]); err != nil {
		return nil, err
	}
	return s.books.Reverse(ctx, req)
}

// Adjust implements LedgerServer.Adjust.
func (s *Server) Adjust(ctx context.Context, req any) (any, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	if len(md["Authorization"]) == 0 && len(md.Get("authorization")) == 0 {
		return nil, errors.New("unauthenticated")
	}
	keys := md["X-Idempotency-Key"] // BUG: headermismatch
	if len(keys) == 0 {
		return nil, errors.New("missing key")
	}
	if err := s.once(ctx, "adjust:"+keys[0]); err != nil {
		return nil, err
	}
	return s.books.Adjust(ctx, req)
}
