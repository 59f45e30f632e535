// Package app checks and acts on process-local maps through helpers: one of the
// standard library's (encoding/binary's own struct-size cache, read by Size and
// filled by Write), one of this module's other package.
package app

import (
	"bytes"
	"encoding/binary"

	"example.com/libcache/store"
)

type header struct {
	Kind uint8
	Len  uint32
}

func charge(string) {}

// decode sizes, reads and re-encodes a struct: encoding/binary fills its own cache;
// the caller decides and dedups nothing by it. Not reported.
func decode(token []byte) ([]byte, error) {
	var h header
	size := binary.Size(&h)
	if len(token) < size {
		return nil, nil
	}
	if err := binary.Read(bytes.NewBuffer(token), binary.LittleEndian, &h); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	binary.Write(&buf, binary.LittleEndian, &h)
	return buf.Bytes(), nil
}

// handle dedups through this module's own map in another package: reported.
func handle(s *store.Seen, id string) {
	if s.Has(id) {
		return
	}
	charge(id)
	s.Put(id) // want `Load \(in s.Has\) then Store \(in s.Put\) of .* is not atomic`
}
