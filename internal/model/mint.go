package model

// Values that are new on every call: the clock, randomness and unique-id
// generators. A key or value built from one differs between two deliveries of the
// same event.

import (
	"go/types"
	"strings"
)

// Mints reports whether fn makes a new value on every call: the clock, randomness,
// or a unique-id generator (uuid.New, uuid.NewString, ulid.Make, xid.New, ...).
func Mints(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if stripeMints(fn) {
		return true
	}
	path, name := fn.Pkg().Path(), fn.Name()
	switch path {
	case "time":
		return name == "Now"
	case "math/rand", "math/rand/v2", "crypto/rand":
		return true
	}
	last := strings.ToLower(path[strings.LastIndex(path, "/")+1:])
	if last == "v2" || last == "v5" { // github.com/oklog/ulid/v2, github.com/gofrs/uuid/v5
		trimmed := strings.TrimSuffix(path, "/"+last)
		last = strings.ToLower(trimmed[strings.LastIndex(trimmed, "/")+1:])
	}
	for _, id := range []string{"uuid", "ulid", "ksuid", "xid", "nanoid", "shortid"} {
		if strings.Contains(last, id) {
			return strings.HasPrefix(name, "New") || strings.HasPrefix(name, "Must") ||
				name == "Make" || strings.HasPrefix(name, "Generate")
		}
	}
	return false
}
