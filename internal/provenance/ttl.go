package provenance

import (
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// DedupMarker reports whether e writes a dedup marker: a set-if-absent claim, or
// a marker that a check of its key precedes or whose key says dedup, that is not
// a lock, a rate limit or a cache entry, and whose key names an operation (by its
// text, its parts, or an operation id at hand). "driver:shift:"+driverID checked
// and set is per-driver state, not the marker of an event.
func DedupMarker(f *effects.Func, e *effects.Effect) bool {
	if e.Op == nil || e.Op.Key == nil || e.Kind != model.Claim && e.Kind != model.Write || !DedupUse(f, e) {
		return false
	}
	if Purpose(e) == model.ForDedup || OperationParam(f.Fn) != "" {
		return true
	}
	o := NewEngine(nil, nil).Of(e.Op.Key)
	if o.Has(model.OperationPart) || e.Kind == model.Claim && o.NamesWhatItIdentifies() {
		return true
	}
	// A marker checked first is one, unless its key names only who it is for.
	return e.Kind == model.Write && !o.Has(model.ActorPart)
}

// Rewritten reports a claim whose key the function writes again after it with
// a TTL of its own: an in-flight claim ("idem:"+key NX for a minute) that the
// final marker (the stored response, for a day) replaces; the final write's TTL
// is the one that counts. A rewrite that keeps the TTL (KEEPTTL, SetArgs
// KeepTTL) leaves the claim's TTL in force.
func Rewritten(f *effects.Func, claim *effects.Effect) bool {
	if claim.Kind != model.Claim {
		return false
	}
	for _, o := range f.Effects {
		if o == claim || o.Kind != model.Write && o.Kind != model.Claim || !flow.Before(claim.Site, o.Site) {
			continue
		}
		if o.Op != nil && model.KeepsTTL(o.Op) {
			continue
		}
		if sameKey(o, claim) {
			return true
		}
	}
	return false
}

// TTLFact says a helper writes a dedup marker that lives as long as a parameter
// says: func (s *Store) MarkProcessed(ctx context.Context, id string, ttl
// time.Duration). Each caller passes the TTL.
type TTLFact struct {
	Markers []TTLSummary
}

// TTLSummary is one such marker.
type TTLSummary struct {
	Param    int           // the parameter (receiver counted) holding the TTL
	Unit     time.Duration // what one unit of it is
	Duration bool          // it is a time.Duration: an untyped integer is nanoseconds
	Key      string        // the marker's key, for messages: "evt:"+id
	KeyParam int           // the parameter that is the whole key, or -1
	Via      string        // the helper, for messages
}

func (*TTLFact) AFact() {}

func (f *TTLFact) String() string { return "ttl" }

// TTLCall is a call that passes a marker's TTL to a helper.
type TTLCall struct {
	Site ssa.CallInstruction
	Key  string
	Via  string
	TTL  model.TTL
}

// ttlSummary returns the markers of fn whose TTL its callers pass: written by
// fn itself, or by a helper it passes one of its parameters to.
func (c *collector) ttlSummary(fn *ssa.Function) *TTLFact {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if s, ok := c.ttls[fn]; ok {
		return s
	}
	if len(fn.Blocks) == 0 {
		var f *TTLFact
		if obj, ok := fn.Object().(*types.Func); ok {
			if f = new(TTLFact); !c.pass.ImportObjectFact(obj, f) {
				f = nil
			}
		}
		c.ttls[fn] = f
		return f
	}
	if c.ttlBusy[fn] {
		return nil // recursion: the cycle adds nothing
	}
	c.ttlBusy[fn] = true
	defer delete(c.ttlBusy, fn)
	var out TTLFact
	for _, g := range withClosures(fn) {
		out.Markers = append(out.Markers, c.passedTTLs(fn, g)...)
	}
	var s *TTLFact
	if len(out.Markers) > 0 {
		s = &out
	}
	c.ttls[fn] = s
	return s
}

// passedTTLs are the markers g writes, or has a helper write, whose TTL is a
// parameter of fn: g is fn itself or a closure fn makes (a middleware factory
// Middleware(rdb, retention) whose handler claims with TTL: retention).
func (c *collector) passedTTLs(fn, g *ssa.Function) []TTLSummary {
	var out []TTLSummary
	if f := c.effects.Funcs[g]; f != nil {
		for _, e := range f.Effects {
			if !helperMarker(f, e) || len(e.Keys) == 0 || Rewritten(f, e) {
				continue
			}
			if ttl, ok := model.TTLOf(e.Op); ok {
				if i := outerParam(fn, ttl.Value); i >= 0 {
					out = append(out, TTLSummary{Param: i, Unit: ttl.Unit, Duration: ttl.Duration,
						Key: c.keyText(e), KeyParam: ssautil.ParamIndex(fn, ssautil.Unwrap(e.Op.Key)), Via: fn.Name()})
				}
			}
		}
	}
	for _, call := range c.ttlCalls(g) {
		if i := outerParam(fn, call.TTL.Value); i >= 0 {
			out = append(out, TTLSummary{Param: i, Unit: call.TTL.Unit, Duration: call.TTL.Duration,
				Key: call.Key, KeyParam: -1, Via: fn.Name()})
		}
	}
	return out
}

// keyText shows a marker's key as the source writes it: "idem:"+key.
func (c *collector) keyText(e *effects.Effect) string {
	if t := c.engine.Of(e.Op.Key).Text; t != "" {
		return t
	}
	return e.Keys[0].String()
}

// withClosures returns fn and the closures nested in it, at any depth.
func withClosures(fn *ssa.Function) []*ssa.Function {
	out := []*ssa.Function{fn}
	for i := 0; i < len(out); i++ {
		out = append(out, out[i].AnonFuncs...)
	}
	return out
}

// outerParam returns the index of fn's parameter that v is: the parameter
// itself, or a variable a closure nested in fn captured from it (by value, or
// by reference when nothing assigns it again). -1 otherwise.
func outerParam(fn *ssa.Function, v ssa.Value) int {
	v = ssautil.Unwrap(v)
	u, byRef := v.(*ssa.UnOp)
	if byRef = byRef && u.Op == token.MUL; byRef {
		v = u.X
	}
	for {
		fv, ok := v.(*ssa.FreeVar)
		if !ok {
			break
		}
		if v = binding(fv); v == nil {
			return -1
		}
	}
	if byRef {
		a, ok := v.(*ssa.Alloc)
		if !ok || !assignedOnce(a) {
			return -1
		}
		v = ssautil.StoredOnce(a)
	}
	return ssautil.ParamIndex(fn, ssautil.Unwrap(v))
}

// assignedOnce reports a captured local stored once where it is declared and
// never through a closure that captured it.
func assignedOnce(a *ssa.Alloc) bool {
	if ssautil.StoredOnce(a) == nil {
		return false
	}
	for _, ref := range *a.Referrers() {
		if mc, ok := ref.(*ssa.MakeClosure); ok && storesThrough(mc) {
			return false
		}
	}
	return true
}

// storesThrough reports a closure that stores into a variable it captured, or
// passes it on to one that does.
func storesThrough(mc *ssa.MakeClosure) bool {
	fn := mc.Fn.(*ssa.Function)
	for _, fv := range fn.FreeVars {
		for _, ref := range *fv.Referrers() {
			switch r := ref.(type) {
			case *ssa.Store:
				if r.Addr == fv {
					return true
				}
			case *ssa.MakeClosure:
				if storesThrough(r) {
					return true
				}
			}
		}
	}
	return false
}

// helperMarker reports a dedup marker in a helper: one DedupMarker accepts, or
// a claim on a key the caller passes in a helper whose name says dedup
// (MarkProcessed, ClaimEvent, Seen), maybe behind the store's own prefix
// (s.prefix+key).
func helperMarker(f *effects.Func, e *effects.Effect) bool {
	if DedupMarker(f, e) {
		return true
	}
	if e.Op == nil || e.Kind != model.Claim || !DedupUse(f, e) || model.KeyPurpose(f.Fn.Name()) != model.ForDedup {
		return false
	}
	return callerKey(f.Fn, ssautil.Unwrap(e.Op.Key), 0)
}

// callerKey reports a key that is a parameter of fn, or a concatenation of one
// with constants and fields of the receiver: the caller's key under the
// store's prefix.
func callerKey(fn *ssa.Function, key ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := key.(type) {
	case *ssa.Parameter:
		return ssautil.ParamIndex(fn, x) > 0 || fn.Signature.Recv() == nil
	case *ssa.BinOp:
		if x.Op != token.ADD {
			return false
		}
		l, r := ssautil.Unwrap(x.X), ssautil.Unwrap(x.Y)
		return callerKey(fn, l, depth+1) && prefixPart(fn, r) || prefixPart(fn, l) && callerKey(fn, r, depth+1)
	}
	return false
}

// prefixPart reports a constant or a field of fn's receiver (s.prefix).
func prefixPart(fn *ssa.Function, v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.Const:
		return true
	case *ssa.UnOp:
		if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL && fn.Signature.Recv() != nil {
			p, ok := fa.X.(*ssa.Parameter)
			return ok && ssautil.ParamIndex(fn, p) == 0
		}
	}
	return false
}

// ttlCalls are fn's calls of helpers that write a marker with the TTL fn passes.
func (c *collector) ttlCalls(fn *ssa.Function) []*TTLCall {
	var out []*TTLCall
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil || callee == fn {
				continue
			}
			s := c.ttlSummary(callee)
			if s == nil {
				continue
			}
			args := call.Common().Args
			recv := 0
			if callee.Signature.Recv() != nil {
				recv = 1
			}
			for _, m := range s.Markers {
				if m.Param >= len(args) {
					continue
				}
				key := m.Key
				if m.KeyParam >= 0 && m.KeyParam < len(args) {
					key = c.engine.Of(args[m.KeyParam]).Text // the caller's key, as it writes it
				}
				out = append(out, &TTLCall{Site: call, Key: key, Via: m.Via, TTL: model.TTL{Value: args[m.Param],
					Unit: m.Unit, Duration: m.Duration, Arg: m.Param - recv}})
			}
		}
	}
	return out
}
