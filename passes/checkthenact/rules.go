package checkthenact

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/model"
)

// writesDerived reports whether act writes a value computed from the check's result:
// a lost update when two deliveries interleave.
func writesDerived(tainted map[ssa.Value]bool, act *effects.Effect) bool {
	for _, v := range act.Values {
		if tainted[v] {
			return true
		}
	}
	return false
}

// protected reports whether check and act cannot interleave with another delivery's:
// a lock taken before the check (a process-local mutex only protects a process-local
// map), a serializable transaction, or an INSERT whose unique violation is handled.
func protected(f *effects.Func, check, act *effects.Effect) bool {
	if check.Store == model.SQL && (f.Serializable || f.HandlesDuplicate) {
		return true
	}
	if lockingRead(check) && !inserts(act) {
		return true // SELECT ... FOR UPDATE holds the row; only a missing row is not locked
	}
	for _, l := range f.HeldLocks {
		if l.Store != model.Local || check.Store == model.Map {
			return true
		}
	}
	for _, l := range f.Effects {
		if l.Kind == model.Claim && l.Site != check.Site && sameKey(l, act) != "" && flow.Before(l.Site, act.Site) {
			return true // the act follows an atomic claim of the same key
		}
		if l.Kind != model.Lock && !(l.Kind == model.Atomic && l.Verb == "WATCH") {
			continue
		}
		if l.Store == model.Local && check.Store != model.Map {
			continue // a sync.Mutex does not serialize replicas
		}
		if flow.Before(l.Site, check.Site) && !released(f, l, act) {
			return true
		}
	}
	return false
}

// dedupWords mark a key as a dedup marker rather than a cache entry.
var dedupWords = []string{"idem", "dedup", "processed", "seen", "handled", "done", "once", "consumed",
	"claim", "lock", "evt", "event", "msg", "message", "deliver", "webhook", "charge", "payment", "sent", "notif"}

// cacheAside reports the plain cache fill that is not a dedup: GET misses, the value
// is loaded or computed, and SET stores that value (not a marker) under a key that
// does not name an event, with no other side effect between the two.
func cacheAside(f *effects.Func, check, act *effects.Effect) bool {
	if act.Kind != model.Write || act.Marker || check.Store == model.SQL {
		return false
	}
	for _, k := range act.Keys {
		lits := k.Lits()
		for _, w := range dedupWords {
			if strings.Contains(lits, w) {
				return false
			}
		}
	}
	for _, e := range f.Effects {
		if e == act || e.Site == act.Site || e.Site == check.Site {
			continue
		}
		switch e.Kind {
		case model.Write, model.Incr, model.Claim, model.Publish:
			if flow.Between(check.Site, act.Site, e.Site) {
				return false
			}
		}
	}
	return !sideEffectBetween(f, check, act)
}

// sideEffectBetween reports a call between check and act that can only be there for
// what it does, not what it returns: it returns nothing or only an error
// (notify(key), s.publish(ctx, ev)), and is neither standard library nor logging or
// metrics. A call that returns data is the "compute" step of cache-aside.
func sideEffectBetween(f *effects.Func, check, act *effects.Effect) bool {
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || call == check.Site || call == act.Site || !actsOnly(call.Common()) {
				continue
			}
			if flow.Between(check.Site, act.Site, call) {
				return true
			}
		}
	}
	return false
}

// actsOnly reports whether a call returns nothing but maybe an error, and is not a
// standard-library, logging or metrics call.
func actsOnly(call *ssa.CallCommon) bool {
	res := call.Signature().Results()
	if res.Len() > 1 || res.Len() == 1 && res.At(0).Type().String() != "error" {
		return false
	}
	fn := model.Callee(call)
	if fn == nil || fn.Pkg() == nil {
		return !call.IsInvoke() && call.StaticCallee() == nil // a func value: unknown
	}
	path := fn.Pkg().Path()
	if stdlib[strings.Split(path, "/")[0]] && !strings.HasPrefix(path, "net/http") {
		return false
	}
	return !observability(path, fn.Name())
}

// stdlib holds the first path element of standard-library packages.
var stdlib = map[string]bool{}

func init() {
	for _, p := range strings.Fields(`archive bufio bytes cmp compress container context crypto database debug
		embed encoding errors expvar flag fmt go hash html image index io iter log maps math mime net os path
		plugin reflect regexp runtime slices sort strconv strings sync syscall testing text time unicode unique
		unsafe weak`) {
		stdlib[p] = true
	}
}

// observability reports logging, tracing and metrics calls, which change nothing a
// duplicate delivery could double.
func observability(path, name string) bool {
	for _, p := range []string{"log", "zap", "zerolog", "logrus", "slog", "prometheus", "otel", "opentelemetry",
		"trace", "metric", "statsd", "datadog", "sentry"} {
		if strings.Contains(path, p) {
			return true
		}
	}
	for _, p := range []string{"Log", "Debug", "Info", "Warn", "Error", "Print", "Trace", "Observe", "Inc", "Record", "log", "debug", "trace"} {
		if strings.HasPrefix(name, p) {
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

func claimAdvice(act *effects.Effect) string {
	switch act.Store {
	case model.SQL:
		return "claim the row with INSERT ... ON CONFLICT DO NOTHING and check the rows affected"
	case model.Map:
		return "claim the key with LoadOrStore"
	}
	if act.Kind == model.Incr {
		return "decide on the result of the INCR itself, or use a Lua script"
	}
	return "claim the key with SetNX (SET key val NX EX ttl)"
}

func updateAdvice(act *effects.Effect) string {
	switch act.Store {
	case model.SQL:
		return "update in one statement (SET x = x + $1) or lock the row with SELECT ... FOR UPDATE"
	case model.Map:
		return "use CompareAndSwap or guard both with a mutex"
	}
	return "use INCRBY/HINCRBY, a Lua script or WATCH/MULTI"
}

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

// lockingRead reports a SELECT ... FOR UPDATE / FOR SHARE.
func lockingRead(e *effects.Effect) bool {
	return e.Op != nil && e.Op.SQL != nil && e.Op.SQL.ForUpdate
}

// inserts reports whether act is an INSERT: the row it creates did not exist, so no
// FOR UPDATE before it locked anything.
func inserts(e *effects.Effect) bool {
	return e.Verb == "INSERT"
}
