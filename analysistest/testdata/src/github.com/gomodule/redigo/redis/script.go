package redis

import "context"

// Script encapsulates the source, hash and key count for a Lua script.
type Script struct {
	keyCount int
	src      string
	hash     string
}

// NewScript returns a new script object.
func NewScript(keyCount int, src string) *Script {
	return &Script{keyCount: keyCount, src: src}
}

// Hash returns the script hash.
func (s *Script) Hash() string { return s.hash }

// DoContext evaluates the script using the provided context.
func (s *Script) DoContext(ctx context.Context, c Conn, keysAndArgs ...interface{}) (interface{}, error) {
	return nil, nil
}

// Do evaluates the script.
func (s *Script) Do(c Conn, keysAndArgs ...interface{}) (interface{}, error) { return nil, nil }

// SendHash evaluates the script without waiting for the reply.
func (s *Script) SendHash(c Conn, keysAndArgs ...interface{}) error { return nil }

// Send evaluates the script without waiting for the reply.
func (s *Script) Send(c Conn, keysAndArgs ...interface{}) error { return nil }

// Load loads the script without evaluating it.
func (s *Script) Load(c Conn) error { return nil }
