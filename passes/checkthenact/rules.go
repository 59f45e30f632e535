package checkthenact

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// writesBack reports whether act writes exactly the value the check read (a TTL
// refresh): it can only run where the key was there, so it acts on nothing absent
// and loses nothing.
func writesBack(check, act *effects.Effect) bool {
	if len(act.Values) == 0 {
		return false
	}
	for _, v := range act.Values {
		if !sameAsRead(v, check) {
			return false
		}
	}
	return true
}

// writesDerived reports whether act writes a value computed from the check's result:
// a lost update when two deliveries interleave. Writing back exactly what was read
// (refreshing a TTL) loses nothing.
func writesDerived(tainted map[ssa.Value]bool, check, act *effects.Effect) bool {
	for _, v := range act.Values {
		if tainted[v] && !sameAsRead(v, check) {
			return true
		}
	}
	return false
}

// sameAsRead reports whether v is the read's value itself: cmd.Val(), cmd.Bytes(),
// or the first result of cmd.Result().
func sameAsRead(v ssa.Value, check *effects.Effect) bool {
	read, ok := check.Site.(ssa.Value)
	if !ok {
		return false
	}
	v = ssautil.Unwrap(v)
	if ext, ok := v.(*ssa.Extract); ok && ext.Index == 0 {
		v = ext.Tuple
	}
	if v == read && check.Op == nil {
		return true // a helper's result (s.status(ctx, id)) written back unchanged
	}
	call, ok := v.(*ssa.Call)
	return ok && len(call.Call.Args) == 1 && call.Call.Args[0] == read && model.ReadsBack(model.Callee(&call.Call))
}

// protected reports whether check and act cannot interleave with another delivery's.
// Each guard below names one way a second delivery is stopped.
func protected(f *effects.Func, check, act *effects.Effect) bool {
	return serializedSQL(f, check) || rowLockedByCheck(check, act) || heldByCaller(f, check) ||
		claimedFirst(f, check, act) || handMadeLock(f, check) || parentRowLocked(f, check) || lockedThrough(f, check, act)
}

// serializedSQL: in a serializable transaction the second delivery's commit fails,
// and where a unique violation is handled its INSERT fails instead of duplicating.
func serializedSQL(f *effects.Func, check *effects.Effect) bool {
	return check.Store.Records() && (f.Serializable || f.HandlesDuplicate)
}

// rowLockedByCheck: SELECT ... FOR UPDATE holds the row until commit, so the second
// delivery waits and then sees the first one's write; only a missing row, which an
// INSERT creates, is not locked.
func rowLockedByCheck(check, act *effects.Effect) bool {
	return lockingRead(check) && !inserts(act)
}

// heldByCaller: the function is a closure run under a lock its maker holds
// (mu.Lock(); defer mu.Unlock(); do := func() {...}); a process-local mutex only
// serializes deliveries to one process, so it counts for in-process maps only.
func heldByCaller(f *effects.Func, check *effects.Effect) bool {
	for _, l := range f.HeldLocks {
		if l.Store != model.Local || check.Store == model.Map {
			return true
		}
	}
	return false
}

// claimedFirst: the act follows an atomic claim of the same key, which only one
// delivery wins.
func claimedFirst(f *effects.Func, check, act *effects.Effect) bool {
	for _, l := range f.Effects {
		if l.Kind == model.Claim && l.Site != check.Site && sameKey(l, act) != "" && flow.Before(l.Site, act.Site) {
			return true
		}
	}
	return false
}

// handMadeLock: SET lock:k NX taken before the check is a distributed lock that
// only one delivery holds.
func handMadeLock(f *effects.Func, check *effects.Effect) bool {
	for _, l := range f.Effects {
		if l.Kind == model.Claim && namesLock(l) && l.Store == check.Store && flow.Before(l.Site, check.Site) {
			return true
		}
	}
	return false
}

// parentRowLocked: SELECT ... FOR UPDATE of a parent row before the check makes the
// second delivery wait for the first one's commit.
func parentRowLocked(f *effects.Func, check *effects.Effect) bool {
	for _, l := range f.Effects {
		if lockingRead(l) && l.Site != check.Site && check.Store.Records() && flow.Before(l.Site, check.Site) {
			return true
		}
	}
	return false
}

// lockedThrough: a lock still held (or a WATCH) taken before the check and not
// released before the act serializes the two deliveries; a sync.Mutex does not
// serialize replicas, so it counts for in-process maps only.
func lockedThrough(f *effects.Func, check, act *effects.Effect) bool {
	for _, l := range f.Effects {
		if !f.HeldLock(l) && !l.Watch {
			continue
		}
		if l.Store == model.Local && check.Store != model.Map {
			continue
		}
		if flow.Before(l.Site, check.Site) && !released(f, l, act) {
			return true
		}
	}
	return false
}

func checkThenAct(pass *analysis.Pass, check, act *effects.Effect, key string) analysis.Diagnostic {
	return analysis.Diagnostic{
		Pos: act.Pos(),
		Message: fmt.Sprintf("%s then %s of %s is not atomic: two deliveries can both pass the check; %s",
			check.Describe(), act.Describe(), key, claimAdvice(act)),
		Related:        []analysis.RelatedInformation{{Pos: check.Pos(), Message: "checked here"}},
		SuggestedFixes: claimFix(pass, check, act),
	}
}

func readModifyWrite(check, act *effects.Effect, key string) analysis.Diagnostic {
	return analysis.Diagnostic{
		Pos: act.Pos(),
		Message: fmt.Sprintf("read-modify-write of %s (%s then %s) is not atomic: concurrent deliveries lose updates; %s",
			key, check.Describe(), act.Describe(), updateAdvice(act)),
		Related: []analysis.RelatedInformation{{Pos: check.Pos(), Message: "read here"}},
	}
}

// claimAdvice is the model's advice for act's store: an atomic claim instead.
func claimAdvice(act *effects.Effect) string {
	a := model.AdviceFor(act.Store)
	if act.Kind == model.Incr {
		return a.Incr
	}
	return a.Claim
}

// updateAdvice is the model's advice for a lost update on act's store.
func updateAdvice(act *effects.Effect) string { return model.AdviceFor(act.Store).Update }

// released reports whether a lock of the same kind as l may be released between l
// and act. A deferred Unlock runs at return, after the act.
func released(f *effects.Func, l, act *effects.Effect) bool {
	for _, u := range f.Effects {
		if u.Kind != model.Unlock || u.Store != l.Store {
			continue
		}
		if _, deferred := u.Site.(*ssa.Defer); deferred {
			continue
		}
		if flow.Between(l.Site, act.Site, u.Site) {
			return true
		}
	}
	return false
}

// lockingRead reports a SELECT ... FOR UPDATE / FOR SHARE in a transaction, also in
// a helper.
func lockingRead(e *effects.Effect) bool { return e.Locking }

// inserts reports whether act is an INSERT: the row it creates did not exist, so no
// FOR UPDATE before it locked anything.
func inserts(e *effects.Effect) bool { return e.Statement == sqlclass.Insert }

// namesLock reports a claim on a key that says it is a lock ("lock:"+id, "mutex:").
func namesLock(e *effects.Effect) bool {
	for _, k := range e.Keys {
		if model.NamesLock(k.Lits()) {
			return true
		}
	}
	return false
}

// memoOfRepeatable reports an in-process map that remembers "done" for work that is
// harmless to repeat (if !published[q] { SADD queues q; published[q] = true }): two
// deliveries that both pass the check both run an idempotent action, and nothing is
// duplicated. A dedup of a charge, a publish or a goroutine is still reported.
// What the check gates is what its branch decides directly or through a flag it
// sets (memoBookkeeping): a rollback list the miss arm appends to, ranged over after
// a pipeline fails, is the memo's own bookkeeping, not work it deduplicates.
//
// The same holds for a check on a shared store (gatesRepeatableWork): a throttle
// that GETs the last run's timestamp and, when it is old, runs a helper that ZADDs
// jobs with deterministic ids and SETs the timestamp lets two instances both run
// it, and the second adds nothing. The helper's summary says so (Repeatable).
//
// A map written before the work (inflight.Store(id); defer inflight.Delete(id))
// is a claim held while the work runs, not a memo of work done
// (ClaimsBeforeWork): its check-then-act lets two deliveries in at once, and is
// reported whatever the work is.
func memoOfRepeatable(f *effects.Func, check, act *effects.Effect) bool {
	t := f.DecisionsOf(check)
	return f.GatesOnlyRepeatable(check, t) && !f.ClaimsBeforeWork(check, act, t)
}
