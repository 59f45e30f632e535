// Package headers is idempotency's view of HTTP and gRPC headers: which header names
// carry an idempotency key or an event id (the run's vocabulary, Names), and which
// reads and sends of headers a function performs. Which calls read or send a header
// (net/http, gin, echo, chi, fiber, resty, gRPC metadata) and which headers the
// known webhook providers send are the model's knowledge (internal/model:
// httpheaders.go, grpcmetadata.go, webhooks.go).
//
// A receiver that reads a header the sender never sets gets "" on every delivery,
// and a dedup keyed on "" (or on a per-request id) never fires: this package is what
// headermismatch asks to find that.
package headers

import (
	"net/http"
	"strings"

	"github.com/idemlint/idemlint/internal/model"
)

// The header names themselves (idempotency and per-request ids, the words they are
// made of) are the model's: internal/model/headernames.go.
var (
	idempotencyNames = model.IdempotencyHeaders
	perRequestNames  = model.PerRequestHeaders
)

// Names is the idempotency header vocabulary of one run: the built-in names and
// those the run's configuration adds. The zero value (and nil) has the built-in
// names only.
type Names struct {
	extra map[string]bool // lower-case names added by configuration
}

// NewNames returns the built-in names plus extra.
func NewNames(extra ...string) *Names {
	n := &Names{extra: map[string]bool{}}
	for _, e := range extra {
		if e = strings.TrimSpace(e); e != "" {
			n.extra[strings.ToLower(e)] = true
		}
	}
	return n
}

// configured reports whether the run's configuration names the header.
func (n *Names) configured(name string) bool {
	return n != nil && n.extra[strings.ToLower(name)]
}

// Canonical is the form net/http stores a header under ("Idempotency-Key").
func Canonical(name string) string { return http.CanonicalHeaderKey(name) }

// Same reports whether two names address the same header through a
// canonicalizing API (Header.Get, metadata.MD.Get): header names are
// case-insensitive.
func Same(a, b string) bool { return strings.EqualFold(a, b) }

// normalize folds the spellings that a near miss differs in: case, an "X-"
// prefix and '_' for '-'.
func normalize(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.ReplaceAll(n, "_", "-")
	return strings.TrimPrefix(n, "x-")
}

// IsPerRequest reports whether name is a per-request or tracing id.
func IsPerRequest(name string) bool {
	for _, p := range perRequestNames {
		if Same(p, name) {
			return true
		}
	}
	return model.PerRequestHeaderName(normalize(name))
}

// IsIdempotency reports whether name is an idempotency or event-id header (or a
// provider's webhook header): the headers headermismatch checks. Other headers are
// left to general linters (staticcheck SA1008).
func (ns *Names) IsIdempotency(name string) bool {
	if name == "" || strings.ContainsAny(name, " :\t/") {
		return false
	}
	for _, list := range [][]string{idempotencyNames, perRequestNames} {
		for _, k := range list {
			if Same(k, name) {
				return true
			}
		}
	}
	if ns.configured(name) || ProviderSending(name) != nil {
		return true
	}
	return model.IdempotencyHeaderName(normalize(name)) || IsPerRequest(name)
}

// NearMiss reports whether read and sent are different headers that look like
// one was meant for the other: equal after folding case, an "X-" prefix, '_'/'-'
// and a plural 's', or one or two edits apart when both are idempotency headers.
func (ns *Names) NearMiss(read, sent string) bool {
	if Same(read, sent) {
		return false
	}
	a, b := normalize(read), normalize(sent)
	if a == b || strings.TrimSuffix(a, "s") == strings.TrimSuffix(b, "s") {
		return true
	}
	if !ns.IsIdempotency(read) || !ns.IsIdempotency(sent) {
		return false
	}
	limit := 1
	if min(len(a), len(b)) >= 10 {
		limit = 2
	}
	d := distance(a, b)
	return d >= 1 && d <= limit
}

// distance is the Levenshtein distance of two short ASCII strings.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
