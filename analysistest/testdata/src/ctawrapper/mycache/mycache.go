// Package mycache is a company's own cache client: its methods talk to a backend
// idemlint does not know, so they are declared with -checkthenact.func.
package mycache

import "context"

type backend interface {
	Call(ctx context.Context, op string, args ...string) (string, error)
}

type Store struct{ b backend }

// Has reports whether key is present.
func (s *Store) Has(ctx context.Context, key string) bool {
	v, _ := s.b.Call(ctx, "has", key)
	return v == "1"
}

// Put stores key.
func (s *Store) Put(ctx context.Context, key string) { s.b.Call(ctx, "put", key) }

// Claim stores key unless present, atomically.
func (s *Store) Claim(ctx context.Context, key string) bool {
	v, _ := s.b.Call(ctx, "claim", key)
	return v == "1"
}
