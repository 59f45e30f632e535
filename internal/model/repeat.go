package model

import "github.com/idemlint/idemlint/internal/sqlclass"

// Repeatable reports whether running an operation of kind k a second time, on the
// same key with the same value, leaves the store as one run left it: reads, plain
// writes of a value (SET, SADD, HSET, sync.Map.Store), claims, deletes and locks.
// A publish or an INCR is done twice; a script or a user's wrapper may do anything.
// SQL writes are not repeatable here (an INSERT without ON CONFLICT adds a row),
// except a definition that checks for itself (verb sqlclass.Define: CREATE TABLE
// or INDEX ... IF NOT EXISTS): a publisher that memoizes "schema created" for a
// topic runs it twice at worst, and the second run finds the table there.
func (k Kind) Repeatable(s Store, verb sqlclass.Verb) bool {
	switch k {
	case Read, Claim, Delete, Lock, Unlock:
		return true
	case Write:
		return s == Redis || s == Map || s == SQL && verb == sqlclass.Define
	}
	return false
}
