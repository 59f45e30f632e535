package headermismatch

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/model"
)

func funcObject(fn *ssa.Function) *types.Func {
	f, _ := fn.Object().(*types.Func)
	return f
}

// check applies every rule to one access, reporting at most once per position.
func (c *checker) check(fn *ssa.Function, a *headers.Access) {
	if a.Name == "" {
		return // a name built at run time: nothing to compare
	}
	if a.Via == nil || a.NameV != nil { // the name is written at this site
		if c.underscore(a) || c.canonicalIndex(a) {
			return
		}
	}
	if a.Dir != headers.Read || !a.Origin.Receives() {
		return // a send, or a read of a response or of a request being built
	}
	if provs := c.providers(fn); len(provs) > 0 {
		c.providerKey(fn, a, provs) // the provider is the sender, not the module
		return
	}
	// Near misses of what the module's senders really set, then a dedup key no
	// sender sets, then near misses of what a constants package merely declares.
	if c.nearMiss(fn, a, c.sent, false) || c.unsentKey(fn, a) {
		return
	}
	c.nearMiss(fn, a, c.consts, true)
}

// sitePos is where a finding about a's header name goes: the name itself, or the
// read inside a local wrapper that fixes the name.
func (c *checker) sitePos(a *headers.Access) token.Pos {
	// A wrapper's access leads to the access inside it; the bound stops a
	// wrapper that (through recursion) leads back to itself.
	for hops := 0; a.Via != nil && a.NameV == nil; hops++ {
		inner := c.wrap.inner[a.Via]
		if inner == nil || hops == maxWrapHops {
			return a.Pos
		}
		a = inner
	}
	if e := c.syntax().nameExpr(a); e != nil {
		return e.Pos()
	}
	return a.Pos
}

// maxWrapHops bounds how many wrappers deep an access is traced back to its name.
const maxWrapHops = 16

func (c *checker) report(d analysis.Diagnostic) bool {
	if c.reported[d.Pos] {
		return true
	}
	c.reported[d.Pos] = true
	if !c.ignore.At(d.Pos) {
		c.pass.Report(d)
	}
	return true
}

// underscore: nginx (underscores_in_headers off) and other proxies drop header
// names with '_', so the key silently vanishes between client and server.
func (c *checker) underscore(a *headers.Access) bool {
	if !strings.Contains(a.Name, "_") || !c.names.IsIdempotency(a.Name) {
		return false
	}
	fixed := fold(a.Proto, strings.ReplaceAll(a.Name, "_", "-"))
	pos := c.sitePos(a)
	return c.report(analysis.Diagnostic{Pos: pos, Category: "underscore",
		Message: fmt.Sprintf("header name %q contains an underscore: nginx and other proxies drop such headers by default, "+
			"so the key never arrives and retries are not deduplicated; use %q", a.Name, fixed),
		SuggestedFixes: c.syntax().literalFix(a, fixed)})
}

// canonicalIndex: an index into http.Header with a non-canonical key, or into
// metadata.MD with upper case, never matches.
func (c *checker) canonicalIndex(a *headers.Access) bool {
	if a.Dir != headers.Read || a.Match == headers.AnyCase || !c.names.IsIdempotency(a.Name) {
		return false
	}
	want, why := headers.Canonical(a.Name), "header keys are canonicalized"
	if a.Match == headers.LowerCase {
		want, why = strings.ToLower(a.Name), "gRPC metadata keys are lower case"
	}
	if want == a.Name || c.exact[a.Name] {
		return false // canonical, or written into the map with this very spelling
	}
	fixes, use := c.syntax().indexFix(a, want)
	return c.report(analysis.Diagnostic{Pos: c.sitePos(a), Category: "canonical",
		Message: fmt.Sprintf("%s %q never matches: %s (%q), so the key is always missing and every retry looks new; %s",
			a.API, a.Name, why, want, use),
		SuggestedFixes: fixes})
}

// nearMiss: the module's senders set a header whose name is almost the one read
// (known is c.sent), or a constants package of the module declares one (declared:
// known is c.consts). A declaration alone is weak evidence: against it, only a read whose
// value is a dedup key is reported, and never a read of a header that senders
// outside the module set on their own (Idempotency-Key, a provider's header).
func (c *checker) nearMiss(fn *ssa.Function, a *headers.Access, known []Named, declared bool) bool {
	if !c.names.IsIdempotency(a.Name) {
		return false
	}
	for _, k := range append(append([]Named(nil), c.sent...), c.consts...) {
		if headers.Same(k.Name, a.Name) {
			return false // someone sets (or declares) exactly this header
		}
	}
	if declared && (headers.WellKnown(a.Name) || !c.isKey(fn, a)) {
		return false
	}
	for _, k := range known {
		if !k.on(a.Proto) || !c.names.NearMiss(a.Name, k.Name) {
			continue
		}
		how := "this module's senders set"
		if declared {
			how = "this module declares"
		}
		d := analysis.Diagnostic{Pos: c.sitePos(a), Category: "nearmiss",
			Message: fmt.Sprintf("header %q is read but %s %q (%s): the names differ, so the key is always empty "+
				"and every retry looks new; read %q", a.Name, how, k.Name, where(k), k.Name),
			SuggestedFixes: c.syntax().literalFix(a, k.Name)}
		if p, ok := c.sentPos[strings.ToLower(k.Name)]; ok {
			d.Related = []analysis.RelatedInformation{{Pos: p, Message: "sent here"}}
		}
		return c.report(d)
	}
	return false
}

// isKey reports whether the value a reads is a dedup key in fn; for a middleware
// factory, whether its closure uses it as one.
func (c *checker) isKey(fn *ssa.Function, a *headers.Access) bool {
	if a.Via != nil {
		if w := c.wrap.lookup(a.Via); w != nil && w.Closure {
			return w.Key
		}
	}
	_, ok := c.dedupEffect(fn, a.Value)
	return ok
}

// unsentKey: the dedup key comes from a header no visible sender sets while they
// set another idempotency header, or from a per-request id while they set a
// stable one. With no visible sender of a stable id, nothing is reported: a
// public API's Idempotency-Key (or X-Request-Id) comes from clients we cannot see.
func (c *checker) unsentKey(fn *ssa.Function, a *headers.Access) bool {
	perRequest := headers.IsPerRequest(a.Name)
	if !perRequest && !c.names.IsIdempotency(a.Name) {
		return false
	}
	sent := false
	var evidence []Named
	for _, s := range c.sent {
		switch {
		case headers.Same(s.Name, a.Name):
			sent = true
		case s.on(a.Proto) && c.names.IsIdempotency(s.Name) && !headers.IsPerRequest(s.Name):
			evidence = append(evidence, s)
		}
	}
	if len(evidence) == 0 || (sent && !perRequest) {
		return false // nobody visible sends a stable id, or they send this one
	}
	if !c.isKey(fn, a) {
		return false // read for logging or tracing, not a dedup key
	}
	evidence = rankAdvice(evidence)
	names := quoteNames(evidence)
	best := evidence[0]
	advice := fmt.Sprintf("key it on %q", best.Name)
	if perAttemptName(evidence, best.Name) {
		advice = "key it on an id the sender sets once per event (the headers it sends change on every attempt)"
	}
	msg := fmt.Sprintf("dedup key comes from header %q, which no sender in this module sets (they set %s): "+
		"the key is empty on every delivery, so the dedup never fires; %s", a.Name, names, advice)
	if perRequest {
		msg = fmt.Sprintf("dedup key comes from per-request header %q, which changes on every retry, so the dedup "+
			"never fires; this module's senders set %s: %s", a.Name, names, advice)
	}
	d := analysis.Diagnostic{Pos: c.sitePos(a), Category: "unsent", Message: msg}
	if p, ok := c.sentPos[strings.ToLower(best.Name)]; ok {
		d.Related = []analysis.RelatedInformation{{Pos: p, Message: "sent here"}}
	}
	return c.report(d)
}

// rankAdvice orders sent headers by how good a dedup key they make: stable ones
// before those some sender builds per attempt; among them a provider's documented
// id, then the event-id, delivery and idempotency-key family, then the rest.
func rankAdvice(ns []Named) []Named {
	out := append([]Named(nil), ns...)
	rank := func(n Named) int {
		r := 0
		if perAttemptName(ns, n.Name) {
			r += 10
		}
		switch {
		case documentedID(n.Name):
		case model.KeyFamilyHeader(n.Name):
			r += 1
		default:
			r += 2
		}
		return r
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

// perAttemptName reports whether some visible sender of name builds it per attempt.
func perAttemptName(ns []Named, name string) bool {
	for _, n := range ns {
		if n.PerAttempt && headers.Same(n.Name, name) {
			return true
		}
	}
	return false
}

// documentedID reports whether name is the header a provider documents for dedup.
func documentedID(name string) bool {
	for _, p := range headers.Providers {
		if p.Dedup != "" && headers.Same(p.Dedup, name) {
			return true
		}
	}
	return false
}

// providerKey: a known provider's webhook dedups on a header that provider never
// sends (or on any header, when it puts the event id in the body).
func (c *checker) providerKey(fn *ssa.Function, a *headers.Access, provs []*headers.Provider) {
	var header *headers.Provider
	for _, p := range provs {
		if p.Dedup != "" && p.Owns(a.Name) {
			return // the provider's real header
		}
		if p.Dedup != "" && header == nil {
			header = p
		}
	}
	if !c.isKey(fn, a) {
		return
	}
	var msg string
	if header != nil {
		msg = fmt.Sprintf("dedup key comes from header %q, which %s never sends: the key is always empty, so every "+
			"delivery looks new; %s identifies a delivery by %q", a.Name, header.Name, header.Name, header.Dedup)
	} else {
		p := provs[0]
		msg = fmt.Sprintf("dedup key comes from header %q, but %s puts the event id in the body (it sends only %s): "+
			"every retry looks new; dedup on %s", a.Name, p.Name, quoteList(p.Sends), p.BodyID)
	}
	c.report(analysis.Diagnostic{Pos: c.sitePos(a), Category: "provider", Message: msg})
}

// providers returns the providers whose webhook fn recognisably handles: fn, its
// closures or a helper it calls reads their headers or calls their verification.
func (c *checker) providers(fn *ssa.Function) []*headers.Provider {
	if ps, ok := c.provs[fn]; ok {
		return ps
	}
	seen := map[*headers.Provider]bool{}
	var visit func(f *ssa.Function, depth int)
	visit = func(f *ssa.Function, depth int) {
		for _, p := range c.ownProviders(f) {
			seen[p] = true
		}
		for _, anon := range f.AnonFuncs {
			visit(anon, depth)
		}
		if depth > 0 {
			return
		}
		for _, callee := range staticCallees(f) {
			if callee.Pkg != nil && callee.Pkg.Pkg == c.pass.Pkg && callee.Parent() == nil && callee != f {
				visit(callee, depth+1)
			}
		}
	}
	visit(fn, 0)
	var out []*headers.Provider
	for _, p := range headers.Providers {
		if seen[p] {
			out = append(out, p)
		}
	}
	c.provs[fn] = out
	return out
}

// ownProviders are the providers fn itself identifies: by reading their headers,
// calling their verification functions, or calling a helper that does.
func (c *checker) ownProviders(fn *ssa.Function) []*headers.Provider {
	seen := map[*headers.Provider]bool{}
	for _, a := range c.access[fn] {
		if a.Dir != headers.Read || !a.Origin.Receives() {
			continue
		}
		for _, p := range headers.Providers {
			if p.Marks(a.Name) {
				seen[p] = true
			}
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := model.Callee(call.Common())
			if callee == nil || callee.Pkg() == nil {
				continue
			}
			if p := headers.VerifiedBy(callee.FullName()); p != nil {
				seen[p] = true
			}
			var f funcFact
			if callee.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(callee.Origin(), &f) {
				for _, p := range headers.Providers {
					for _, n := range f.Providers {
						seen[p] = seen[p] || n == p.Name
					}
				}
			}
		}
	}
	var out []*headers.Provider
	for _, p := range headers.Providers {
		if seen[p] {
			out = append(out, p)
		}
	}
	return out
}

func staticCallees(fn *ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok {
				if callee := call.Common().StaticCallee(); callee != nil {
					out = append(out, callee)
				}
			}
		}
	}
	return out
}

// fold spells a header name the way its protocol stores it.
func fold(p headers.Proto, s string) string {
	if p == headers.GRPC {
		return strings.ToLower(s)
	}
	return headers.Canonical(s)
}

func where(n Named) string {
	if n.Pkg == configuredSender {
		return configuredSender
	}
	return "in " + n.Pkg
}

// quoteNames lists up to three distinct names.
func quoteNames(ns []Named) string {
	var names []string
	for _, n := range ns {
		names = append(names, n.Name)
	}
	return quoteList(names)
}

func quoteList(names []string) string {
	var out []string
	for _, n := range names {
		dup := false
		for _, o := range out {
			dup = dup || headers.Same(o, fmt.Sprintf("%q", n))
		}
		if !dup && len(out) < 3 {
			out = append(out, fmt.Sprintf("%q", n))
		}
	}
	return strings.Join(out, ", ")
}
