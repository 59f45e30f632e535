package headers

import (
	"strings"
	"testing"
)

// FuzzHeaderNames: header-name questions never panic, ignore case where HTTP does,
// and a name is never a near miss of itself.
func FuzzHeaderNames(f *testing.F) {
	for _, p := range [][2]string{
		{"Idempotency-Key", "X-Idempotency-Key"},
		{"idempotency_key", "Idempotency-Key"},
		{"X-Event-Id", "X-Event-Ids"},
		{"X-GitHub-Delivery", "X-Github-Delivery"},
		{"X-Request-Id", "X-Correlation-Id"},
		{"", "-"},
		{"x", "\xff\xfe"},
		{"Ümlaut-Id", "ümlaut-id"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if builtin.NearMiss(a, a) {
			t.Fatalf("NearMiss(%q, %q): a name is not a near miss of itself", a, a)
		}
		if Same(a, b) != Same(b, a) {
			t.Fatalf("Same(%q, %q) is not symmetric", a, b)
		}
		if builtin.NearMiss(a, b) && Same(a, b) {
			t.Fatalf("NearMiss(%q, %q) for the same header", a, b)
		}
		// Canonicalizing is idempotent and keeps the header: Header.Get(a) and
		// Header.Get(Canonical(a)) read the same field.
		c := Canonical(a)
		if Canonical(c) != c || !Same(a, c) || builtin.IsIdempotency(a) != builtin.IsIdempotency(c) {
			t.Fatalf("Canonical(%q) = %q: not idempotent, or another header", a, c)
		}
		upper := strings.ToUpper(a)
		if Same(a, upper) && builtin.IsIdempotency(a) != builtin.IsIdempotency(upper) {
			t.Fatalf("IsIdempotency(%q) depends on case", a)
		}
	})
}
