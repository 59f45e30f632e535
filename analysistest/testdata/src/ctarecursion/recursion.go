// Package ctarecursion holds recursive and mutually recursive helpers in the shape
// of a serialization library (an encoder that calls itself through an interface and
// a method table): every walker that follows calls, values and summaries must end.
package ctarecursion

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Marshaler lets a value encode itself with the encoder that encodes it.
type Marshaler interface {
	MarshalTo(e *encoder) ([]byte, error)
}

type encodeFunc func(e *encoder, v any) ([]byte, error)

// encoder dispatches through a method table, like msgpack's typeEncMap.
type encoder struct {
	buf   []byte
	table map[string]encodeFunc
}

func newEncoder() *encoder {
	e := &encoder{}
	e.table = map[string]encodeFunc{"slice": (*encoder).encodeSlice, "map": (*encoder).encodeMap}
	return e
}

func (e *encoder) encode(v any) ([]byte, error) {
	switch x := v.(type) {
	case Marshaler:
		return x.MarshalTo(e)
	case []any:
		return e.table["slice"](e, x)
	case [][]any:
		return e.encodeRows(x)
	case map[string]any:
		return e.encodeMap(x)
	case string:
		return append(e.buf, x...), nil
	}
	return e.buf, errors.New("unsupported")
}

func (e *encoder) encodeSlice(v any) ([]byte, error) {
	for _, x := range v.([]any) {
		b, err := e.encode(x)
		if err != nil {
			return nil, err
		}
		e.buf = b
	}
	return e.buf, nil
}

func (e *encoder) encodeMap(v any) ([]byte, error) {
	for k, x := range v.(map[string]any) {
		e.buf = append(e.buf, k...)
		if _, err := e.encode(x); err != nil {
			return nil, err
		}
	}
	return e.buf, nil
}

// encodeRows recurses on itself and on encode in the block that returns, the shape
// that once sent a walker into unbounded recursion under go vet.
func (e *encoder) encodeRows(rows [][]any) ([]byte, error) {
	if len(rows) == 0 {
		return e.buf, nil
	}
	e.buf, _ = e.encode(rows[0])
	return e.encodeRows(rows[1:])
}

// node marshals its children with the same encoder: recursion through an interface.
type node struct{ kids []any }

func (n node) MarshalTo(e *encoder) ([]byte, error) { return e.encode(n.kids) }

// cacheEncoded is plain cache-aside: the value written is encoded from the argument,
// not minted, however deep the encoder recurses.
func cacheEncoded(ctx context.Context, rdb redis.Cmdable, id string, v any) {
	_, err := rdb.Get(ctx, "enc:"+id).Result()
	if err == redis.Nil {
		b, _ := newEncoder().encode(v)
		rdb.Set(ctx, "enc:"+id, b, time.Minute)
	}
}

// token and tokenTail mint through mutual recursion.
func token(n int) string {
	if n == 0 {
		b := make([]byte, 16)
		rand.Read(b)
		return hex.EncodeToString(b)
	}
	return tokenTail(n - 1)
}

func tokenTail(n int) string { return token(n) + "." + strconv.Itoa(n) }

// ensureSession mints a session token on a miss, through the recursive helpers:
// two requests mint two sessions.
func ensureSession(ctx context.Context, rdb redis.Cmdable, user string) string {
	tok, err := rdb.Get(ctx, "session:"+user).Result()
	if err == nil {
		return tok
	}
	tok = token(2)
	rdb.Set(ctx, "session:"+user, tok, time.Hour) // want `GET then SET of "session:"\+user is not atomic`
	return tok
}

// keyOf builds a key recursively from its parts.
func keyOf(parts ...string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return parts[0] + ":" + keyOf(parts[1:]...)
}

// markAll writes a marker per id through a recursive helper.
func markAll(ctx context.Context, rdb redis.Cmdable, ids []string) {
	if len(ids) == 0 {
		return
	}
	rdb.Set(ctx, keyOf("evt", ids[0]), 1, 24*time.Hour)
	markAll(ctx, rdb, ids[1:])
}

// even and odd check through mutual recursion.
func even(ctx context.Context, rdb redis.Cmdable, id string, n int) bool {
	if n == 0 {
		return rdb.Exists(ctx, keyOf("evt", id)).Val() > 0
	}
	return odd(ctx, rdb, id, n-1)
}

func odd(ctx context.Context, rdb redis.Cmdable, id string, n int) bool {
	if n == 0 {
		return false
	}
	return even(ctx, rdb, id, n-1)
}

// handleAll checks through the recursive pair and marks through the recursive
// writer: it must terminate (whatever it reports is decided by the rules).
func handleAll(ctx context.Context, rdb redis.Cmdable, ids []string) {
	for _, id := range ids {
		if even(ctx, rdb, id, 4) {
			continue
		}
		markAll(ctx, rdb, []string{id})
	}
}

func render(id string) string { return "<p>" + id + "</p>" }

// fillAfterRetries is cache-aside whose miss flag is set in a loop: the flag is a
// cycle of phis that the miss test must walk once.
func fillAfterRetries(ctx context.Context, rdb redis.Cmdable, id string) {
	missing := false
	for i := 0; i < 3 && !missing; i++ {
		_, err := rdb.Get(ctx, "page:"+id).Result()
		missing = missing || errors.Is(err, redis.Nil)
	}
	if missing {
		rdb.Set(ctx, "page:"+id, render(id), time.Minute)
	}
}
