package missingkey

// This file decides, for one entry point, which side effect a redelivery repeats:
// the first one that no dedup claim decides.

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// violation is a side effect that runs again on a redelivery.
type violation struct {
	effect *effects.Effect
	// ignored is a claim made before the effect whose result decides nothing.
	ignored *effects.Effect
}

// check reports the unprotected side effects of an entry point, the first on
// each path.
func (c *checker) check(ep *entryPoint) {
	if ep.claimed || c.routerClaims(ep) {
		return // a middleware claims the delivery before the handler runs
	}
	for _, v := range c.unprotected(ep.fn, ep.start, 0) {
		c.report(ep, v)
	}
}

// routerClaims reports whether a claiming middleware is installed on the router
// of a route: by the function that registers it, or by a function that only
// builds routers.
func (c *checker) routerClaims(ep *entryPoint) bool {
	if ep.router == nil {
		return false
	}
	if c.guarded[ep.router] {
		return true
	}
	for fn := range c.guarded {
		if !c.routers[fn] {
			return true
		}
	}
	return false
}

// unprotected returns the side effects of fn (after start, when set) that a
// redelivery repeats: no claim decides them, no check gates them, and no
// idempotency key travels with them. Only the first on each path is returned: a
// handler that switches on the message's kind repeats each case's effect, while
// a second effect after an unprotected first one is the same bug, and one claim
// before the first fixes both. Effects of helpers of this package and of
// closures are followed into them, so a helper that claims first protects what
// it does.
func (c *checker) unprotected(fn *ssa.Function, start ssa.Instruction, depth int) []*violation {
	effs := c.effectsOf(fn)
	var found []*violation
	var sites []ssa.Instruction // where in fn each violation found so far runs
	for _, e := range effs {
		if start != nil && !inRegion(start, e.Site) {
			continue
		}
		if afterAny(sites, e.Site, start) || !c.repeats(fn, e) || c.deduped(fn, e, effs) {
			continue
		}
		if e.At.IsValid() && sameSiteClaim(e, effs) {
			continue // a closure run by a helper of another package that claims first (inbox.Once(ctx, id, fn))
		}
		if inner := c.innerFunc(fn, e); inner != nil && depth < maxDepth {
			// reported at the act, in the helper of this package; none when the
			// helper claims before it acts, or acts idempotently
			if vs := c.helperViolations(inner, depth+1); len(vs) > 0 {
				found, sites = append(found, vs...), append(sites, e.Site)
			}
			continue
		}
		if sameSiteClaim(e, effs) {
			continue // a helper of another package that claims and acts itself
		}
		found, sites = append(found, &violation{effect: e, ignored: c.ignoredClaim(e, effs)}), append(sites, e.Site)
	}
	return found
}

// afterAny reports whether site can run after one of the earlier sites in the
// handling of the same delivery: a later effect on a path whose first effect is
// already reported. In a consumer loop (start set) the next message's iteration
// does not count.
func afterAny(sites []ssa.Instruction, site, start ssa.Instruction) bool {
	for _, s := range sites {
		switch {
		case s == site:
			return true // another effect of the same helper call
		case start != nil && sameDelivery(s, site, start.Block()):
			return true
		case start == nil && flow.Reaches(s, site):
			return true
		}
	}
	return false
}

// helperViolations checks a helper on its own, once: a helper called from many
// loops, or from itself, is walked once (its result is remembered).
func (c *checker) helperViolations(fn *ssa.Function, depth int) []*violation {
	if vs, ok := c.helper[fn]; ok {
		return vs
	}
	if c.busy[fn] {
		return nil // recursion: the cycle adds nothing new
	}
	c.busy[fn] = true
	vs := c.unprotected(fn, nil, depth)
	delete(c.busy, fn)
	c.helper[fn] = vs
	return vs
}

// inRegion reports whether site runs after start: the handling of the message
// start read or received.
func inRegion(start ssa.Instruction, site ssa.Instruction) bool {
	return flow.Reaches(start, site)
}

// innerFunc returns the function of this package that performs e at its call
// site: a helper called there, or a closure run there (errgroup.Go, a
// transaction callback).
func (c *checker) innerFunc(fn *ssa.Function, e *effects.Effect) *ssa.Function {
	if e.At.IsValid() {
		return closureAt(fn, e.At)
	}
	if e.Op != nil || e.Sent {
		return nil // the operation itself, or a request built here that a helper sends
	}
	callee := e.Site.Common().StaticCallee()
	if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg != c.pass.Pkg || len(callee.Blocks) == 0 {
		return nil
	}
	if target := boundTarget(callee); target != nil {
		return target
	}
	return callee
}

// closureAt returns the innermost closure of fn whose body contains pos.
func closureAt(fn *ssa.Function, pos token.Pos) *ssa.Function {
	for _, anon := range fn.AnonFuncs {
		if syn := anon.Syntax(); syn != nil && syn.Pos() <= pos && pos < syn.End() {
			if inner := closureAt(anon, pos); inner != nil {
				return inner
			}
			return anon
		}
	}
	return nil
}

// repeats reports whether a redelivery runs e again with a visible result.
func (c *checker) repeats(fn *ssa.Function, e *effects.Effect) bool {
	if e.Keyed || e.Guarded {
		return false
	}
	if !model.Repeats(e.Kind, e.Store, e.Statement) {
		return false
	}
	if c.insertClaims(fn, e) && c.decidesSomething(e) {
		return false // the insert is the claim: its unique violation (duplicate key) is recognized
	}
	if c.counterClaims(e) {
		return false // n := INCR seen:id; if n > 1 { return }: a counter used as a claim
	}
	return true
}

// counterClaims reports an INCR whose new count decides what runs next: the
// first delivery sees 1, a redelivery more. Checking only its error, or an
// UPDATE ... SET n = n + 1 (which returns no count), claims nothing.
func (c *checker) counterClaims(e *effects.Effect) bool {
	if e.Kind != model.Incr || e.Op == nil || !model.ReturnsCount(e.Store) {
		return false
	}
	t := c.taint(e)
	return t != nil && branchesOnValue(t)
}

// insertClaims reports an insert of a record in a function that recognizes a
// duplicate key (23505, mongo.IsDuplicateKeyError): a unique key makes the
// insert itself the claim.
func (c *checker) insertClaims(fn *ssa.Function, e *effects.Effect) bool {
	return e.Kind == model.Write && e.Store.Records() && e.Statement == sqlclass.Insert && c.handlesDuplicate(fn)
}

// handlesDuplicate reports whether fn, or a function it is a closure of,
// recognizes a unique violation: the insert inside pgx.BeginFunc(ctx, db,
// func(tx) error {...}) returns its error through the transaction runner, and
// the handler that called the runner is where 23505 is checked.
func (c *checker) handlesDuplicate(fn *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if f := c.res.Funcs[fn]; f != nil && f.HandlesDuplicate {
			return true
		}
	}
	return false
}

// decidesSomething reports whether a call's result (or error) is branched on.
func (c *checker) decidesSomething(e *effects.Effect) bool {
	t := c.taint(e)
	return t != nil && len(t.Ifs) > 0
}

// taint returns what the result of e's call reaches, computed once per call.
func (c *checker) taint(e *effects.Effect) *flow.Taint {
	v, ok := e.Site.(ssa.Value)
	if !ok {
		return nil
	}
	if t, ok := c.taints[v]; ok {
		return t
	}
	t := flow.Forward(v)
	c.taints[v] = t
	return t
}

// isClaim reports an atomic claim, or a helper or configured function that claims.
func isClaim(e *effects.Effect) bool { return e.Kind == model.Claim }

// claimsFor reports whether g claims the delivery for e: an atomic claim, or a
// lock in a shared store (a SET NX that a twin method deletes: Claim and
// Release) that nothing releases once e has run. Given back only when e fails,
// it is a claim that lets the provider's retry through; released whatever
// happens (defer, or after e), it only serializes two deliveries and the later
// one repeats e.
func (c *checker) claimsFor(g, e *effects.Effect, effs []*effects.Effect) bool {
	if isClaim(g) {
		return true
	}
	if g.Kind != model.Lock || !g.Result || g.Store == model.Local {
		return false
	}
	for _, u := range effs {
		if u.Kind == model.Unlock && u.Store == g.Store && c.releasesAfter(u, g, e) {
			return false
		}
	}
	return true
}

// releasesAfter reports whether unlock gives lock back whatever e did: deferred,
// released between the lock and e, or run after e (in the same delivery) on a
// path that e's result does not choose.
func (c *checker) releasesAfter(unlock, lock, e *effects.Effect) bool {
	if _, deferred := unlock.Site.(*ssa.Defer); deferred {
		return true
	}
	if unlock.Site == lock.Site {
		return false
	}
	if flow.Before(lock.Site, unlock.Site) && flow.Before(unlock.Site, e.Site) {
		return true // a lock given back before the act protects nothing
	}
	if !sameDelivery(e.Site, unlock.Site, lock.Site.Block()) {
		return false
	}
	t := c.taint(e)
	return t == nil || t.Decides(unlock.Site.Block()) == nil
}

// sameDelivery reports whether b can run after a before control returns to head's
// dominators: in a consumer loop, within the same message's iteration.
func sameDelivery(a, b ssa.Instruction, head *ssa.BasicBlock) bool {
	if a.Block() == b.Block() {
		return flow.Before(a, b)
	}
	newIteration := func(x *ssa.BasicBlock) bool { return x.Dominates(head) }
	for _, succ := range a.Block().Succs {
		if ssautil.Reaches(succ, b.Block(), newIteration) {
			return true
		}
	}
	return false
}

// deduped reports whether something before e decides whether it runs: a claim
// whose result decides it, or a read of the store that gates it (a check-then-act,
// which checkthenact reports: one finding per bug).
func (c *checker) deduped(fn *ssa.Function, e *effects.Effect, effs []*effects.Effect) bool {
	for _, g := range effs {
		if g == e || g.Site == e.Site || g.At.IsValid() || !flow.Before(g.Site, e.Site) {
			continue
		}
		switch {
		case c.claimsFor(g, e, effs) && c.claimDecides(g, e):
			return true
		case c.insertClaims(fn, g):
			// an insert whose duplicate key is recognized: its error decides
			if t := c.taint(g); t != nil && t.Decides(e.Site.Block()) != nil {
				return true
			}
		case g.Kind == model.Read && g.Result, c.counterClaims(g):
			// a check of the store (checkthenact's), or a counter used as a claim
			if t := c.taint(g); t != nil && t.Gate(e.Site.Block()) != nil {
				return true
			}
		}
	}
	return false
}

// claimDecides reports whether claim's result decides whether e runs. A claim that
// reports a duplicate only in its value (SETNX's bool, rows affected) is not
// decided on by checking its error.
func (c *checker) claimDecides(claim, e *effects.Effect) bool {
	t := c.taint(claim)
	if t == nil || !claim.Result {
		return false
	}
	if reportsInValue(claim) {
		return t.Gate(e.Site.Block()) != nil
	}
	return t.Decides(e.Site.Block()) != nil
}

// reportsInValue reports a claim that tells a duplicate in its value, not in its
// error: SETNX's bool, rows affected, or a helper that returns a bool or a count
// beside its error (func (s *Store) Claim(ctx, id) (bool, error)).
func reportsInValue(claim *effects.Effect) bool {
	if claim.Op != nil {
		return model.ReportsInValue(claim.Verb, claim.Store)
	}
	res := claim.Site.Common().Signature().Results()
	for i := 0; i < res.Len(); i++ {
		if b, ok := res.At(i).Type().Underlying().(*types.Basic); ok && b.Info()&(types.IsBoolean|types.IsInteger) != 0 {
			return true
		}
	}
	return false
}

// sameSiteClaim reports a helper call that both claims and performs e: the
// helper of another package dedups itself.
func sameSiteClaim(e *effects.Effect, effs []*effects.Effect) bool {
	for _, g := range effs {
		if g != e && g.Site == e.Site && isClaim(g) {
			return true
		}
	}
	return false
}

// ignoredClaim returns a claim made on every path before e whose result is never
// branched on: it stores the marker and lets every delivery through.
func (c *checker) ignoredClaim(e *effects.Effect, effs []*effects.Effect) *effects.Effect {
	for _, g := range effs {
		if g.Site == e.Site || g.At.IsValid() || !flow.Before(g.Site, e.Site) || !c.claimsFor(g, e, effs) {
			continue
		}
		t := c.taint(g)
		if t == nil {
			return g // go/defer of a claim: nothing can look at its result
		}
		if t.Returned && g.Op == nil || valueDecides(t, g) {
			// a helper's claim handed on to its caller; an operation whose
			// value is branched on (not only its error)
			continue
		}
		return g
	}
	return nil
}

// valueDecides reports whether any branch looks at what the claim found (not only
// at its error, for a claim that reports duplicates in its value).
func valueDecides(t *flow.Taint, claim *effects.Effect) bool {
	if !reportsInValue(claim) {
		return len(t.Ifs) > 0
	}
	return branchesOnValue(t)
}

// branchesOnValue reports a branch on what a call returned, not only on its error.
func branchesOnValue(t *flow.Taint) bool {
	for _, ifi := range t.Ifs {
		if !errorCond(ifi.Cond) {
			return true
		}
	}
	return false
}

// errorCond reports a condition that compares an error (err != nil).
func errorCond(v ssa.Value) bool {
	bin, ok := v.(*ssa.BinOp)
	if !ok {
		return false
	}
	errType := types.Universe.Lookup("error").Type()
	return types.Identical(bin.X.Type(), errType) || types.Identical(bin.Y.Type(), errType)
}

// effectsOf returns fn's effects, with the team's configured claims and side
// effects, in source order.
func (c *checker) effectsOf(fn *ssa.Function) []*effects.Effect {
	if effs, ok := c.extra[fn]; ok {
		return effs
	}
	var effs []*effects.Effect
	if f := c.res.Funcs[fn]; f != nil {
		effs = append(effs, f.Effects...)
	}
	effs = append(effs, c.configured(fn)...)
	sort.SliceStable(effs, func(i, j int) bool { return effs[i].Pos() < effs[j].Pos() })
	c.extra[fn] = effs
	return effs
}

// configured returns the calls of fn to the team's dedup functions (claims) and
// side effects.
func (c *checker) configured(fn *ssa.Function) []*effects.Effect {
	if len(c.cfg.dedup) == 0 && len(c.cfg.effect) == 0 {
		return nil
	}
	var out []*effects.Effect
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := model.Callee(call.Common())
			if callee == nil {
				continue
			}
			full := callee.FullName()
			switch {
			case c.cfg.dedup[full]:
				out = append(out, &effects.Effect{Core: effects.Core{Kind: model.Claim, Store: model.Other, Verb: callee.Name()}, Site: call, Result: true})
			case c.cfg.effect[full]:
				out = append(out, &effects.Effect{Core: effects.Core{Kind: model.Publish, Store: model.Other, Verb: full}, Site: call})
			}
		}
	}
	return out
}

// report emits the finding for ep's first unprotected side effect.
func (c *checker) report(ep *entryPoint, v *violation) {
	pos := v.effect.Pos()
	if c.reported[pos] || c.ignore.At(pos) {
		return
	}
	c.reported[pos] = true
	does, again := describe(v.effect)
	redelivered, id := "a redelivered message", "message id"
	if ep.webhook() {
		redelivered, id = "a retried delivery", "event id"
	}
	related := []analysis.RelatedInformation{{Pos: ep.pos, Message: ep.system + " entry point"}}
	if v.ignored != nil {
		// Reported at the effect, as every finding is: the claim is where the fix goes.
		related = append(related, analysis.RelatedInformation{Pos: v.ignored.Pos(), Message: "claim whose result decides nothing"})
		c.pass.Report(analysis.Diagnostic{Pos: pos, Related: related,
			Message: fmt.Sprintf("the result of %s is ignored: %s runs the side effect again; branch on it and skip the work when the %s was already claimed",
				v.ignored.Describe(), redelivered, id)})
		return
	}
	c.pass.Report(analysis.Diagnostic{Pos: pos, Related: related,
		Message: fmt.Sprintf("%s %s with no dedup claim: %s %s; claim the %s first (SET NX / INSERT ... ON CONFLICT DO NOTHING)",
			ep.system, does, redelivered, again, id)})
}

// describe says what a side effect does, and what a second run of it does.
func describe(e *effects.Effect) (does, again string) {
	via := ""
	if e.Via != "" {
		via = " (in " + e.Via + ")"
	}
	if e.Store.Records() {
		table := e.Target
		if table == "" {
			table = "a table"
		}
		if e.Kind == model.Incr {
			return "updates " + table + " relative to its current value" + via, "applies the change again"
		}
		return "inserts into " + table + via, "inserts again"
	}
	switch e.Store {
	case model.Redis:
		if e.Kind == model.Incr {
			return "runs " + e.Verb + via, "counts again"
		}
		return "runs " + e.Verb + via, "pushes again"
	case model.Broker:
		return "publishes with " + e.Verb + via, "publishes again"
	case model.HTTP:
		return "sends an outbound " + e.Verb + " without an idempotency key" + via, "sends it again"
	case model.Payment:
		return "calls " + e.Verb + " without an idempotency key" + via, "moves money again"
	case model.Mail:
		return "sends mail with " + e.Verb + via, "sends it again"
	}
	return "calls " + e.Verb + via, "runs it again"
}
