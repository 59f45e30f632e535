// Package metadata is a stub of google.golang.org/grpc/metadata v1.85.0 for
// analysistest: the declarations idemlint's tests use, with the real signatures.
package metadata

import (
	"context"
	"strings"
)

// MD is a mapping from metadata keys to values.
type MD map[string][]string

func New(m map[string]string) MD {
	md := make(MD, len(m))
	for k, val := range m {
		md[strings.ToLower(k)] = append(md[strings.ToLower(k)], val)
	}
	return md
}

func Pairs(kv ...string) MD {
	md := make(MD, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		k := strings.ToLower(kv[i])
		md[k] = append(md[k], kv[i+1])
	}
	return md
}

func (md MD) Len() int                        { return len(md) }
func (md MD) Copy() MD                        { return md }
func (md MD) Get(k string) []string           { return md[strings.ToLower(k)] }
func (md MD) Set(k string, vals ...string)    { md[strings.ToLower(k)] = vals }
func (md MD) Append(k string, vals ...string) { k = strings.ToLower(k); md[k] = append(md[k], vals...) }
func (md MD) Delete(k string)                 { delete(md, strings.ToLower(k)) }
func Join(mds ...MD) MD                       { return MD{} }

type mdIncomingKey struct{}
type mdOutgoingKey struct{}

func NewIncomingContext(ctx context.Context, md MD) context.Context {
	return context.WithValue(ctx, mdIncomingKey{}, md)
}

func NewOutgoingContext(ctx context.Context, md MD) context.Context {
	return context.WithValue(ctx, mdOutgoingKey{}, md)
}

func AppendToOutgoingContext(ctx context.Context, kv ...string) context.Context { return ctx }

func FromIncomingContext(ctx context.Context) (MD, bool) {
	md, ok := ctx.Value(mdIncomingKey{}).(MD)
	return md, ok
}

func ValueFromIncomingContext(ctx context.Context, key string) []string { return nil }

func FromOutgoingContext(ctx context.Context) (MD, bool) {
	md, ok := ctx.Value(mdOutgoingKey{}).(MD)
	return md, ok
}
