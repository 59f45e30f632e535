package provenance

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/sqlclass"
)

// SinkKind is where a dedup key is used.
type SinkKind uint8

const (
	// StoreKey: the key of a claim, a dedup check or a dedup marker in a store.
	StoreKey SinkKind = iota + 1
	// Header: an Idempotency-Key-like header set on an outgoing request.
	Header
	// SDKField: an SDK's idempotency field (stripe Params.IdempotencyKey) or setter.
	SDKField
)

// Sink is one use of a value as a dedup or idempotency key.
type Sink struct {
	Kind SinkKind
	// Label names the use: "SETNX", "the Idempotency-Key header", "IdempotencyKey".
	Label string
	// Site is the call, store or header write that uses the key (or the call of
	// a helper that does).
	Site ssa.Instruction
	Pos  token.Pos
	// Origin is what the key is made of.
	Origin *Origin
	// Key is the value used as the key (for a helper's sink, what the call
	// passes for the key's parameter), for where the key is built.
	Key ssa.Value
	// Effect is the store operation, for StoreKey sinks in this function.
	Effect *effects.Effect
	// Said says the use itself says the key identifies an operation: an
	// idempotency header or field, or a store key whose text says dedup
	// ("idem:", "processed:"). A claim keyed "digest:"+userID+day says nothing.
	Said bool
}

// SinkFact is a helper's uses of its parameters as keys: func (s *Store)
// Claim(ctx context.Context, key string) bool { return s.rdb.SetNX(ctx, key, ...) }.
type SinkFact struct {
	Sinks []SinkSummary
}

// SinkSummary is a Sink inside a helper, its key in terms of the parameters.
type SinkSummary struct {
	Kind   SinkKind
	Label  string
	Leaves []Leaf
	Said   bool
}

func (*SinkFact) AFact() {}

func (f *SinkFact) String() string { return "sinks" }

// Sinks returns the dedup keys fn uses: claims, dedup checks and markers among
// its direct store operations (not locks, rate limits or caches), outgoing
// idempotency headers, SDK idempotency fields, and calls of helpers that use a
// parameter as one (imp returns their summaries).
func (e *Engine) Sinks(fn *ssa.Function, f *effects.Func, imp func(*ssa.Function) *SinkFact) []*Sink {
	if InTestFile(fn) {
		return nil // a test's keys are fixtures, not deliveries
	}
	var out []*Sink
	if f != nil {
		for _, ef := range f.Effects {
			key := storeKey(f, ef)
			if key == nil || !DedupUse(f, ef) {
				continue
			}
			o := e.Of(key)
			if ef.Op.Field != nil { // SISMEMBER day-set member, HSETNX field: the pair is the key
				o = e.OfPair(key, ef.Op.Field)
			}
			switch model.KeyPurpose(o.Consts()) {
			case model.ForLease, model.ForLimit, model.ForCache:
				continue // "lock:"+..., built in steps the store key's text does not show
			case model.ForDedup:
				out = append(out, &Sink{Kind: StoreKey, Label: ef.Verb, Site: ef.Site, Pos: ef.Site.Pos(), Effect: ef, Origin: o, Key: key, Said: true})
				continue
			}
			out = append(out, &Sink{Kind: StoreKey, Label: ef.Verb, Site: ef.Site, Pos: ef.Site.Pos(), Effect: ef, Origin: o, Key: key,
				Said: Purpose(ef) == model.ForDedup || answersDuplicate(ef)})
		}
	}
	for _, a := range headers.Scan(fn, func(*types.Func) *headers.Wrapper { return nil }) {
		if e.Headers != nil && a.Dir == headers.Send && a.Sent != nil && e.Headers.IsIdempotency(a.Name) && !headers.IsPerRequest(a.Name) {
			out = append(out, &Sink{Kind: Header, Label: "the " + headers.Canonical(a.Name) + " header", Site: a.Instr,
				Pos: a.Pos, Origin: e.Of(a.Sent), Key: a.Sent, Said: true})
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Store:
				if fa, ok := x.Addr.(*ssa.FieldAddr); ok {
					if st := structOf(fa.X.Type()); st != nil && model.IdempotencyField(st.Field(fa.Field).Name()) {
						out = append(out, &Sink{Kind: SDKField, Label: st.Field(fa.Field).Name(), Site: x, Pos: x.Pos(),
							Origin: e.Of(x.Val), Key: x.Val, Said: true})
					}
				}
			case ssa.CallInstruction:
				out = append(out, e.callSinks(x, imp)...)
			}
		}
	}
	return out
}

// storeKey is the value an operation keys on: a Redis or map key, or the
// column a row claim keys on.
func storeKey(f *effects.Func, ef *effects.Effect) ssa.Value {
	switch {
	case ef.Op == nil:
		return nil
	case ef.Op.SQL != nil:
		if ef.Kind != model.Claim && !rowClaim(f, ef) {
			return nil
		}
		i, ok := claimedColumn(ef.Op.SQL)
		if !ok || i < 0 || i >= len(ef.Op.SQLArgs) || i < len(ef.Op.ArgFields) && ef.Op.ArgFields[i] != "" {
			return nil // a field of a record received whole: its caller fills it
		}
		return ef.Op.SQLArgs[i]
	}
	return ef.Op.Key
}

// claimedColumn is the argument of the column an INSERT claim keys on: its one
// conflict target (ON CONFLICT (event_id) DO NOTHING, attribute_not_exists(pk), a
// document's _id), else its only column (INSERT INTO idempotency_keys (key)
// VALUES ($1) ON CONFLICT DO NOTHING). Several columns and no single target do
// not say which of them the unique index covers.
func claimedColumn(st *sqlclass.Statement) (int, bool) {
	switch {
	case len(st.ClaimCols) == 1:
		i, ok := st.Keys[st.ClaimCols[0]]
		return i, ok
	case len(st.ClaimCols) == 0 && len(st.Keys) == 1:
		for _, i := range st.Keys {
			return i, true
		}
	}
	return -1, false
}

// rowClaim reports an INSERT that claims a row by a key the store keeps unique
// (a DynamoDB put conditional on attribute_not_exists(pk), GORM's OnConflict
// DoNothing on a column, a MongoDB insert of an _id whose duplicate key error
// the function handles): the second delivery's insert does nothing.
func rowClaim(f *effects.Func, ef *effects.Effect) bool {
	st := ef.Op.SQL
	if st == nil || st.Verb != sqlclass.Insert || len(st.ClaimCols) == 0 {
		return false
	}
	return ef.Kind == model.Claim || ef.Kind == model.Write && f.HandlesDuplicate
}

// callSinks are the keys a call passes to a setter (SetIdempotencyKey) or to a
// helper that uses a parameter as a key.
func (e *Engine) callSinks(call ssa.CallInstruction, imp func(*ssa.Function) *SinkFact) []*Sink {
	common := call.Common()
	fn := model.Callee(common)
	args := model.Args(common)
	if fn != nil && model.IdempotencyField(fn.Name()) && len(args) == 1 && model.Receiver(common) != nil {
		return []*Sink{{Kind: SDKField, Label: fn.Name(), Site: call, Pos: common.Pos(), Origin: e.Of(args[0]), Key: args[0], Said: true}}
	}
	callee := common.StaticCallee()
	if callee == nil || imp == nil {
		return nil
	}
	facts := imp(callee)
	if facts == nil {
		return nil
	}
	var out []*Sink
	for _, s := range facts.Sinks {
		o := e.instantiate(s.Leaves, common.Args, call)
		said := s.Said
		switch helperPurpose(o, callee) {
		case model.ForLease, model.ForLimit, model.ForCache:
			continue // store.Set(ctx, "lock:"+name, ...) through a helper
		case model.ForDedup:
			said = true
		}
		out = append(out, &Sink{Kind: s.Kind, Label: s.Label + " (in " + callee.Name() + ")", Site: call, Pos: common.Pos(), Origin: o,
			Key: passedKey(s.Leaves, common.Args), Said: said})
	}
	return out
}

// helperPurpose is what a key a helper uses is for: what its own text says
// ("lock:", "idem:"), else what the helper's name says (dedup.Once(ctx, key),
// locks.Acquire). A claim helper's name says how it claims, not what: a key of
// the account alone whose text names a step of the account's life
// ("welcome:"+evt.CustomerID through ClaimKey) is done once per account, by design.
func helperPurpose(o *Origin, callee *ssa.Function) model.Purpose {
	p := model.KeyPurpose(o.Consts() + " " + callee.Name())
	if p == model.ForDedup && model.KeyPurpose(o.Consts()) == model.Unsaid && oncePerAccount(o) {
		return model.Unsaid
	}
	return p
}

// oncePerAccount reports a key of actor identities alone, named for a step of
// an account's life ("welcome:"+userID).
func oncePerAccount(o *Origin) bool {
	return o.Coarse() && o.Clock() == 0 && model.LifecycleStep(o.Consts())
}

// instantiate fills a summary's parameter leaves with what a call passes.
func (e *Engine) instantiate(leaves []Leaf, args []ssa.Value, call ssa.CallInstruction) *Origin {
	w := &walker{e: e, root: call.Parent(), seen: map[ssa.Value]bool{}, out: &Origin{}}
	var texts []string
	for _, l := range leaves {
		if l.Param >= 0 && l.Param < len(args) {
			texts = append(texts, w.walk(args[l.Param], 0))
			continue
		}
		if l.Part != model.ConstPart {
			texts = append(texts, l.Name)
		}
		w.out.add(l)
	}
	if len(texts) > 0 {
		w.out.Text = texts[0]
		for _, t := range texts[1:] {
			w.out.Text += "+" + t
		}
	}
	return w.out
}

// Summary returns fn's sinks whose keys its callers decide, for a SinkFact.
func Summary(sinks []*Sink) *SinkFact {
	var f SinkFact
	for _, s := range sinks {
		if s.Origin.Undecided() {
			leaves := append([]Leaf(nil), s.Origin.Leaves...)
			for i := range leaves {
				leaves[i].made = nil
			}
			f.Sinks = append(f.Sinks, SinkSummary{Kind: s.Kind, Label: s.Label, Leaves: leaves, Said: s.Said})
		}
	}
	if len(f.Sinks) == 0 {
		return nil
	}
	return &f
}

// DedupUse reports whether a store operation uses its key for dedup: a
// set-if-absent claim that is not a lock (released on the same path) nor a rate
// limit or cache; a check of a key the function also claims or marks; a marker
// whose key says dedup or that a check of the same key precedes.
func DedupUse(f *effects.Func, ef *effects.Effect) bool {
	purpose := Purpose(ef)
	if purpose == model.ForLease || purpose == model.ForLimit || purpose == model.ForCache {
		return false
	}
	switch ef.Kind {
	case model.Claim:
		return (model.SetsIfAbsent(ef.Verb, ef.Store) || rowClaim(f, ef)) && !released(f, ef)
	case model.Read:
		return marked(f, ef) || answersDuplicate(ef) // a read alone is as often a cache lookup
	case model.Write:
		return rowClaim(f, ef) || ef.Marker && (purpose == model.ForDedup || checked(f, ef))
	}
	return false
}

// Purpose reads the constant text of an operation's key.
func Purpose(ef *effects.Effect) model.Purpose {
	best := model.Unsaid
	for _, k := range ef.Keys {
		if p := model.KeyPurpose(k.Lits()); p > best {
			best = p
		}
	}
	return best
}

// released reports a claim that the function also releases: a delete or unlock
// of the same key, or a script (a compare-and-delete) anywhere in it: a lock.
func released(f *effects.Func, claim *effects.Effect) bool {
	for _, o := range f.Effects {
		switch o.Kind {
		case model.Delete, model.Unlock:
			if sameKey(o, claim) {
				return true
			}
		case model.Atomic:
			if o.Op != nil && o.Op.Row.Callback == model.No {
				return true // EVAL of a compare-and-delete script, keys in a slice
			}
		}
	}
	return false
}

// marked reports a check whose key the function also claims or marks.
func marked(f *effects.Func, check *effects.Effect) bool {
	for _, o := range f.Effects {
		if o != check && (o.Kind == model.Claim || o.Kind == model.Write && o.Marker) && sameKey(o, check) {
			return true
		}
	}
	return false
}

// checked reports a marker whose key the function also checks.
func checked(f *effects.Func, mark *effects.Effect) bool {
	for _, o := range f.Effects {
		if o != mark && o.Kind == model.Read && sameKey(o, mark) {
			return true
		}
	}
	return false
}

func sameKey(a, b *effects.Effect) bool {
	for _, x := range a.CanonKeys() {
		for _, y := range b.CanonKeys() {
			if x == y {
				return true
			}
		}
	}
	return false
}

// InTestFile reports whether fn is declared in a _test.go file.
func InTestFile(fn *ssa.Function) bool {
	if fn.Prog == nil || !fn.Pos().IsValid() {
		return false
	}
	f := fn.Prog.Fset.File(fn.Pos())
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}
