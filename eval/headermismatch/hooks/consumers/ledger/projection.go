package ledger

import (
	"context"
	"errors"
	"log/slog"

	"google.golang.org/grpc/metadata"

	"example.com/hooks/internal/dedup"
	"example.com/hooks/relay/client"
	"example.com/hooks/relay/grpcfwd"
)

// Projection implements ledger.v1.Projection (generated server interface
// elided); each method receives the envelope the relay forwarded.
type Projection struct {
	claims *dedup.Redis
	mem    *dedup.Memory
	log    *slog.Logger
	apply  func(ctx context.Context, env client.Envelope) error
}

func NewProjection(claims *dedup.Redis, log *slog.Logger, apply func(context.Context, client.Envelope) error) *Projection {
	return &Projection{claims: claims, mem: &dedup.Memory{}, log: log, apply: apply}
}

var errNoMetadata = errors.New("no metadata")

func (p *Projection) Apply(ctx context.Context, env client.Envelope) error {
	id := grpcfwd.EventID(ctx)
	first, err := p.claims.Claim(ctx, "proj:"+id)
	if err != nil || !first {
		return err
	}
	return p.apply(ctx, env)
}

func (p *Projection) Rebuild(ctx context.Context, env client.Envelope) error {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return errNoMetadata
	}
	ids := md["X-Event-Id"] // BUG: headermismatch
	if len(ids) == 0 {
		return errors.New("missing event id")
	}
	first, err := p.claims.Claim(ctx, "rebuild:"+ids[0])
	if err != nil || !first {
		return err
	}
	return p.apply(ctx, env)
}

func (p *Projection) Snapshot(ctx context.Context, env client.Envelope) error {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return errNoMetadata
	}
	ids := md.Get("X-Event-Id")
	if len(ids) == 0 {
		return errors.New("missing event id")
	}
	if !p.mem.Claim("snapshot:" + ids[0]) {
		return nil
	}
	return p.apply(ctx, env)
}

func (p *Projection) Compact(ctx context.Context, env client.Envelope) error {
	md, ok := metadata.FromIncomingContext(ctx)
	if !ok {
		return errNoMetadata
	}
	ids := md["x-event-id"]
	p.log.Debug("compact", "source", md.Get("x-relay-source"), "attempt", md.Get("x-relay-attempt"))
	if len(ids) == 0 {
		return errors.New("missing event id")
	}
	first, err := p.claims.Claim(ctx, "compact:"+ids[0])
	if err != nil || !first {
		return err
	}
	return p.apply(ctx, env)
}

func (p *Projection) Archive(ctx context.Context, env client.Envelope) error {
	vals := metadata.ValueFromIncomingContext(ctx, "x-event-id")
	if len(vals) == 0 {
		return errors.New("missing event id")
	}
	if !p.mem.Claim("archive:" + vals[0]) {
		return nil
	}
	return p.apply(ctx, env)
}
