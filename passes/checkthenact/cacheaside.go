package checkthenact

// This file decides what is plain cache-aside (a miss filled from the source of
// truth) rather than a check-then-act: the exemption the README grants ("plain
// cache-aside" under checkthenact).

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// cacheAside reports the plain cache fill that is not a dedup: GET misses, the value
// is loaded or computed, and SET stores that value (not a marker) under a key that
// does not name an event, with no other side effect between the two.
func cacheAside(f *effects.Func, check, act *effects.Effect) bool {
	if act.Kind != model.Write || act.Marker || check.Store.Records() {
		return false
	}
	if model.NamesLockIdent(f.Fn.Name()) {
		return false // TryLock: GET the holder, SET ourselves: a lock taken without NX, not a cache fill
	}
	for _, v := range act.Values {
		if mintsFresh(v) {
			return false // a label URL or token minted now: created, not loaded
		}
	}
	for _, k := range act.Keys {
		if model.NamesDedupKey(k.Lits()) {
			return false
		}
	}
	for _, e := range f.Effects {
		if e == act || e.Site == act.Site || e.Site == check.Site {
			continue
		}
		switch e.Kind {
		case model.Write, model.Incr, model.Claim, model.Publish:
			if flow.Between(check.Site, act.Site, e.Site) && !computes(e.Site, act) {
				return false
			}
		}
	}
	return !sideEffectBetween(f, check, act)
}

// computes reports whether a call's result is what act writes: a loader with a
// cache of its own is the compute step of this cache fill, not a side effect.
func computes(site ssa.CallInstruction, act *effects.Effect) bool {
	v, ok := site.(ssa.Value)
	if !ok {
		return false
	}
	t := flow.Forward(v)
	for _, w := range act.Values {
		if t.Values[w] {
			return true
		}
	}
	return false
}

// sideEffectBetween reports a call between check and act that can only be there for
// what it does, not what it returns: it returns nothing or only an error
// (notify(key), s.publish(ctx, ev)), and is neither standard library nor logging or
// metrics. A call that returns data is the "compute" step of cache-aside.
func sideEffectBetween(f *effects.Func, check, act *effects.Effect) bool {
	modeled := map[ssa.CallInstruction]bool{}
	for _, e := range f.Effects {
		modeled[e.Site] = true // store operations are judged by their kind above
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || modeled[call] || !actsOnly(call.Common()) || fillsLocal(call.Common()) {
				continue
			}
			if flow.Between(check.Site, act.Site, call) {
				return true
			}
		}
	}
	return false
}

// fillsLocal reports a call that writes its result through a pointer to a local
// (db.GetContext(ctx, &p, q), json.Unmarshal(b, &v)): it computes, returning only an
// error.
func fillsLocal(call *ssa.CallCommon) bool {
	for _, a := range call.Args {
		if _, ok := ssautil.Unwrap(a).(*ssa.Alloc); ok {
			return true
		}
		if elems, ok := ssautil.VarArgs(a); ok {
			for _, e := range elems {
				if _, ok := ssautil.Unwrap(e).(*ssa.Alloc); ok {
					return true
				}
			}
		}
	}
	return false
}

// actsOnly reports whether a call returns nothing but maybe an error, and is not a
// standard-library, logging or metrics call.
func actsOnly(call *ssa.CallCommon) bool {
	res := call.Signature().Results()
	if res.Len() > 1 || res.Len() == 1 && !ssautil.IsError(res.At(0).Type()) {
		return false
	}
	fn := model.Callee(call)
	if fn == nil || fn.Pkg() == nil {
		return !call.IsInvoke() && call.StaticCallee() == nil // a func value: unknown
	}
	return !model.Inert(fn.Pkg().Path()) && !model.Observability(fn.Pkg().Path(), fn.Name())
}

// isMiss reports whether a branch condition asks "was it there?" (err == redis.Nil,
// errors.Is(err, ...), !ok, v == "", n == 0) rather than comparing what was read with
// something (observed > peak): only a miss starts a cache fill.
func isMiss(cond ssa.Value) bool {
	return missTest{}.is(cond, maxMissDepth)
}

// maxMissDepth bounds how deep a condition is taken apart; conditions nest a few
// levels, generated code may nest thousands.
const maxMissDepth = 16

// missTest remembers the phis it is inside: a flag set in a loop
// (found = found || ...) is a cycle of phis, and each phi is judged once.
type missTest map[*ssa.Phi]bool

func (m missTest) is(cond ssa.Value, depth int) bool {
	if depth == 0 {
		return false
	}
	switch c := cond.(type) {
	case *ssa.UnOp:
		return c.Op == token.NOT && m.is(c.X, depth-1)
	case *ssa.BinOp:
		switch c.Op {
		case token.LAND, token.LOR:
			return m.is(c.X, depth-1) && m.is(c.Y, depth-1)
		}
		return isZero(c.X) || isZero(c.Y) || ssautil.IsError(c.X.Type()) || ssautil.IsError(c.Y.Type())
	case *ssa.Call:
		return c.Call.StaticCallee() != nil && model.MatchesError(model.Callee(&c.Call)) || model.Miss(model.Callee(&c.Call))
	case *ssa.Extract:
		return true // v, ok := m.Load(k); the comma-ok
	case *ssa.Phi:
		if m[c] {
			return true // a cycle adds nothing: the other edges decide
		}
		m[c] = true
		for _, e := range c.Edges {
			if _, isConst := e.(*ssa.Const); !isConst && !m.is(e, depth-1) {
				return false
			}
		}
		return true
	}
	return false
}

func isZero(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok {
		return false
	}
	if c.Value == nil {
		return true
	}
	switch c.Value.Kind() {
	case constant.String:
		return constant.StringVal(c.Value) == ""
	case constant.Int, constant.Float:
		return constant.Sign(c.Value) == 0
	}
	return false
}

// mintsFresh reports whether v is built from a value minted at run time (the clock,
// a UUID, randomness): a cache holds what a source of truth says, a minted value is
// the result of an act that a second delivery repeats.
func mintsFresh(v ssa.Value) bool {
	m := minter{verdict: map[*ssa.Function]bool{}, seen: map[ssa.Value]bool{}}
	return m.value(v, maxMintDepth)
}

// maxMintDepth bounds how far a minted value is followed through operations and
// helper calls; the memo below makes recursion finite, the bound keeps it cheap on
// deep encoders.
const maxMintDepth = 8

// minter follows values back to a minting call. verdict memoizes helpers: a
// function already under evaluation counts as not minting, so recursive and
// mutually recursive helpers (an encoder that calls itself through a method table)
// end instead of overflowing the stack.
type minter struct {
	verdict map[*ssa.Function]bool
	seen    map[ssa.Value]bool
}

func (m *minter) value(v ssa.Value, depth int) bool {
	if depth == 0 || v == nil || m.seen[v] {
		return false
	}
	m.seen[v] = true
	switch x := v.(type) {
	case *ssa.Call:
		return m.call(x, depth)
	case *ssa.BinOp:
		return m.value(x.X, depth-1) || m.value(x.Y, depth-1)
	case *ssa.MakeInterface:
		return m.value(x.X, depth-1)
	case *ssa.Convert:
		return m.value(x.X, depth-1)
	case *ssa.ChangeType:
		return m.value(x.X, depth-1)
	case *ssa.Extract:
		return m.value(x.Tuple, depth-1)
	}
	return false
}

func (m *minter) call(x *ssa.Call, depth int) bool {
	if m.mintingCall(x, depth) {
		return true
	}
	if x.Call.IsInvoke() {
		return m.value(x.Call.Value, depth-1)
	}
	for _, a := range x.Call.Args {
		if m.value(a, depth-1) {
			return true
		}
	}
	return false
}

// mintingCall reports whether x mints: a modeled minting function, or a helper of
// this package that returns a minted value.
func (m *minter) mintingCall(x *ssa.Call, depth int) bool {
	if model.Mints(model.Callee(&x.Call)) {
		return true
	}
	fn := x.Call.StaticCallee()
	return fn != nil && len(fn.Blocks) > 0 && m.returns(fn, depth-1) // newToken() built from crypto/rand
}

// returns reports whether a function of this package returns a minted value.
func (m *minter) returns(fn *ssa.Function, depth int) bool {
	if v, done := m.verdict[fn]; done {
		return v
	}
	m.verdict[fn] = false // in progress: a recursive call adds nothing
	v := m.scanReturns(fn, depth)
	m.verdict[fn] = v
	return v
}

func (m *minter) scanReturns(fn *ssa.Function, depth int) bool {
	if depth <= 0 {
		return false
	}
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 {
			continue
		}
		if m.value(ret.Results[0], depth) {
			return true
		}
		for _, instr := range b.Instrs { // rand.Read(buf); return hex.EncodeToString(buf)
			if c, ok := instr.(*ssa.Call); ok && m.mintingCall(c, depth) {
				return true
			}
		}
	}
	return false
}
