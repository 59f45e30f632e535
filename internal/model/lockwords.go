package model

import (
	"strings"
	"unicode"
)

// lockWords are the words with which code names a lock it makes itself: the function that takes or releases it
// (acquireLock, TryLock, AttemptLock, releaseLock) or the type that holds it
// (redisLock, DistributedMutex).
var lockWords = map[string]bool{"lock": true, "locks": true, "locker": true, "unlock": true,
	"trylock": true, "mutex": true}

// NamesLockIdent reports whether an identifier (a function or a type name) has a
// word that names a lock. Words are split at punctuation and at lower-to-upper case
// changes, so "blockUser" and "clock" are not locks. Key texts use NamesLock.
func NamesLockIdent(s string) bool {
	for _, w := range words(s) {
		if lockWords[w] {
			return true
		}
	}
	return false
}

// words splits an identifier or key text into lower-case words: "acquireLock" ->
// acquire, lock; "outpost:migration_lock" -> outpost, migration, lock.
func words(s string) []string {
	var out []string
	var cur strings.Builder
	prevLower := false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, strings.ToLower(cur.String()))
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			prevLower = false
			continue
		case unicode.IsUpper(r) && prevLower:
			flush()
		}
		cur.WriteRune(r)
		prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
	}
	flush()
	return out
}
