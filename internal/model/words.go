package model

// The domain's words: what names in user code (key literals, SQL tables, package
// paths, function names) say about their purpose. Every vocabulary the passes use
// is here, in one place, with table tests (words_test.go).

import (
	"strings"
	"unicode"
)

// dedupKeyWords mark a key as a dedup marker rather than a cache entry
// ("idem:"+id, "processed:"+id, "evt:"+id).
var dedupKeyWords = []string{"idem", "dedup", "processed", "seen", "handled", "done", "once", "consumed",
	"claim", "lock", "evt", "event", "msg", "message", "deliver", "webhook", "charge", "payment", "sent", "notif"}

// NamesDedupKey reports whether the literal text of a key says it marks an event
// as handled: such a key is never a plain cache entry.
func NamesDedupKey(lits string) bool { return containsAny(lits, dedupKeyWords) }

// lockKeyWords mark a key as a hand-made lock ("lock:"+id, "mutex:"+name).
var lockKeyWords = []string{"lock", "mutex"}

// NamesLock reports whether the literal text of a key says it is a lock.
func NamesLock(lits string) bool { return containsAny(lits, lockKeyWords) }

// dedupTableWords mark an SQL "table.column" where processed ids are kept
// (processed_events.event_id, orders.idempotency_key); logTableWords mark a log.
var (
	dedupTableWords = []string{"idempot", "dedup", "processed", "seen", "deliver", "event", "webhook", "message", "inbox", "received", "replay"}
	logTableWords   = []string{"log", "audit"}
)

// DedupTable reports whether an SQL "table.column" looks like where processed ids
// are kept, not a log.
func DedupTable(s string) bool {
	s = strings.ToLower(s)
	return !containsAny(s, logTableWords) && containsAny(s, dedupTableWords)
}

// duplicateWords name a unique violation in a function or error variable
// (isUniqueViolation, ErrDuplicateKey, IsAlreadyExists).
var duplicateWords = []string{"unique", "duplicate", "alreadyexists", "uniqueviolation"}

// NamesDuplicate reports whether a name says "unique violation".
func NamesDuplicate(name string) bool { return containsAny(strings.ToLower(name), duplicateWords) }

// observabilityElements are path elements (or their dot- or dash-separated parts)
// of logging, tracing and metrics packages: go.uber.org/zap, log/slog,
// github.com/prometheus/client_golang/prometheus, go.opentelemetry.io/otel,
// example.com/app/internal/metrics. A path merely containing "log" (catalog) is not one.
var observabilityElements = map[string]bool{
	"log": true, "logs": true, "logger": true, "logging": true, "zap": true, "zerolog": true, "logrus": true,
	"slog": true, "klog": true, "glog": true, "prometheus": true, "otel": true, "opentelemetry": true,
	"trace": true, "tracing": true, "tracer": true, "metric": true, "metrics": true, "statsd": true,
	"datadog": true, "sentry": true,
}

// observabilityVerbs are first words of logging and metrics methods (Infof,
// Println, Observe, Inc); IncrStock and RecordPayment are not among them.
var observabilityVerbs = map[string]bool{
	"log": true, "debug": true, "info": true, "warn": true, "warning": true, "error": true, "print": true,
	"trace": true, "observe": true, "inc": true,
}

// Observability reports a logging, tracing or metrics call, by its package path
// (matched by element) or its name's first word: it changes nothing a duplicate
// delivery could double.
func Observability(path, name string) bool {
	for _, elem := range strings.Split(path, "/") {
		for _, part := range strings.FieldsFunc(elem, func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
			if observabilityElements[strings.ToLower(part)] {
				return true
			}
		}
	}
	return observabilityVerbs[verb(name)]
}

// verb is a function name's first word, lower case, without the printf family's
// suffixes: Infof -> info, Println -> print, logCtx -> log, IncrStock -> incr.
func verb(name string) string {
	end := len(name)
	for i, r := range name {
		if i > 0 && (unicode.IsUpper(r) || unicode.IsDigit(r)) {
			end = i
			break
		}
	}
	w := strings.ToLower(name[:end])
	for _, suffix := range []string{"ln", "f", "w"} {
		if base := strings.TrimSuffix(w, suffix); base != w && observabilityVerbs[base] {
			return base
		}
	}
	return w
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// attemptWords name a variable that counts attempts (attempt, retries, try).
var attemptWords = []string{"attempt", "retry", "retries"}

// NamesAttempt reports whether a variable's name says it counts attempts.
func NamesAttempt(name string) bool {
	n := strings.ToLower(name)
	return containsAny(n, attemptWords) || n == "try" || n == "tries"
}
