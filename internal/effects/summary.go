package effects

import (
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/keyexpr"
	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/sqlclass"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// summaryOf returns a named function's summary: computed for this package, imported
// as a fact for others. nil when it has no effects.
func (c *collector) summaryOf(fn *ssa.Function) *Summary {
	fn = origin(fn)
	if s, ok := c.sums[fn]; ok {
		return s
	}
	if fn.Pkg == nil || fn.Pkg.Pkg != c.pass.Pkg {
		obj, ok := fn.Object().(*types.Func)
		if !ok {
			return nil
		}
		s := new(Summary)
		if !c.pass.ImportObjectFact(obj, s) {
			s = nil
		}
		c.sums[fn] = s
		return s
	}
	if c.busy[fn] || len(fn.Blocks) == 0 {
		return nil // recursion: the cycle adds nothing new
	}
	if len(c.busy) >= maxNesting {
		return nil // a call chain this deep is generated code, not handler -> store
	}
	c.busy[fn] = true
	defer delete(c.busy, fn)
	f := c.funcOf(fn)
	s := c.summarize(f)
	c.sums[fn] = s
	return s
}

// maxNesting bounds how many helpers are summarized inside one another at once; the
// busy set already ends recursion, this keeps the Go stack small on long chains.
const maxNesting = 128

func origin(fn *ssa.Function) *ssa.Function {
	if o := fn.Origin(); o != nil {
		return o
	}
	return fn
}

// summarize turns a function's effects into a summary over its parameters.
func (c *collector) summarize(f *Func) *Summary {
	s := &Summary{ResultRead: -1, ResultClaim: -1, ReturnKey: c.returnKeyOf(f.Fn), HandlesDuplicate: duplicateCheck(f),
		Serializable: f.Serializable && hasFuncParam(f.Fn)}
	returned := c.returnedValues(f.Fn)
	for _, e := range f.Effects {
		if e.Depth >= maxDepth || len(s.Effects) >= maxEffects {
			continue
		}
		se := sumEffect(f, e)
		if e.Kind == model.Read {
			se.Keys = asResults(se.Keys, returned)
		}
		se.Kind = c.lockRole(f, e)
		if e.Result && e.Kind == model.Read && s.ResultRead < 0 && returnsCheck(f, e) {
			s.ResultRead = len(s.Effects)
		}
		if e.Result && e.Kind == model.Claim && s.ResultClaim < 0 && returnsCheck(f, e) {
			s.ResultClaim = len(s.Effects)
		}
		s.Effects = append(s.Effects, se)
	}
	s.LocksAround = lockAroundCallback(f)
	s.Repeatable = actsOnStore(f.Effects) && c.repeatableWork(f.Fn)
	s.MakesClaimer = c.makesClaimer(f.Fn, 0)
	s.SendsRequests, s.BuildsRequest = f.SendsRequests, buildsRequest(f.Fn)
	if len(s.Effects) == 0 && s.ReturnKey == nil && !s.HandlesDuplicate && !s.Serializable && s.LocksAround == 0 && !s.MakesClaimer &&
		len(s.SendsRequests) == 0 && s.BuildsRequest == "" {
		return nil
	}
	return s
}

// makesClaimer reports whether a closure fn makes (or one made inside it) claims:
// the handler a middleware factory returns.
func (c *collector) makesClaimer(fn *ssa.Function, depth int) bool {
	if depth > maxDepth {
		return false
	}
	for _, anon := range fn.AnonFuncs {
		for _, e := range c.funcOf(anon).Effects {
			if e.Kind == model.Claim {
				return true
			}
		}
		if c.makesClaimer(anon, depth+1) {
			return true
		}
	}
	return false
}

// duplicateCheck reports whether f's callers handle a unique violation by calling
// it: f recognizes one and is a predicate on an error (isUniqueViolation(err)),
// or the violation is of an insert f makes itself (a repository method that turns
// 23505 into ErrDuplicate). A function that merely calls such code for its own
// purposes lends its callers nothing.
func duplicateCheck(f *Func) bool {
	if !f.HandlesDuplicate {
		return false
	}
	if takesError(f.Fn.Signature) {
		return true
	}
	for _, e := range f.Effects {
		if e.Store.Records() && e.Statement == sqlclass.Insert {
			return true
		}
	}
	return false
}

// sumEffect is e in terms of f's parameters: the value it writes and where a
// read's value leaves f.
func sumEffect(f *Func, e *Effect) SumEffect {
	se := SumEffect{Core: e.Core, ValueParam: -1, OutParam: -1}
	if se.Via == "" {
		se.Via = helperName(f.Fn)
	}
	if len(e.Values) == 1 {
		se.ValueParam = derivedParam(f.Fn, e.Values[0], 6)
	}
	if e.Result && e.Kind == model.Read {
		se.OutParam = outParam(f, e)
	}
	return se
}

// derivedParam returns the parameter a written value is made from, through
// conversions, arithmetic and calls (json.Marshal(v), strconv.Itoa(n)), or -1.
// It follows operands only, never phis, so it cannot cycle; depth bounds the work.
func derivedParam(fn *ssa.Function, v ssa.Value, depth int) int {
	if depth == 0 || v == nil {
		return -1
	}
	switch x := ssautil.Unwrap(v).(type) {
	case *ssa.Parameter:
		if i := ssautil.ParamIndex(fn, x); i >= 0 && !(i == 0 && fn.Signature.Recv() != nil) {
			return i
		}
	case *ssa.BinOp:
		if i := derivedParam(fn, x.X, depth-1); i >= 0 {
			return i
		}
		return derivedParam(fn, x.Y, depth-1)
	case *ssa.Extract:
		return derivedParam(fn, x.Tuple, depth-1)
	case *ssa.Call:
		if x.Call.StaticCallee() == nil || len(x.Call.Args) != 1 && x.Call.StaticCallee().Pkg == nil {
			return -1
		}
		for _, a := range x.Call.Args {
			if i := derivedParam(fn, a, depth-1); i >= 0 {
				return i
			}
		}
	}
	return -1
}

// outParam returns the parameter that a call consuming the read's value also takes
// as a pointer or interface: where the helper writes what it read.
func outParam(f *Func, read *Effect) int {
	t := f.TaintOf(read)
	for v := range t.Values {
		call, ok := v.(*ssa.Call)
		if !ok {
			continue
		}
		for _, a := range call.Call.Args {
			p, ok := ssautil.Unwrap(a).(*ssa.Parameter)
			if !ok {
				continue
			}
			i := ssautil.ParamIndex(f.Fn, p)
			if i < 0 || i == 0 && f.Fn.Signature.Recv() != nil {
				continue
			}
			switch p.Type().Underlying().(type) {
			case *types.Pointer, *types.Interface:
				if !model.IsContext(p.Type()) {
					return i
				}
			}
		}
	}
	return -1
}

// returnedValues maps the canonical key of each value fn returns that is known only
// by its identity (a record it read into and returns, return &acct, nil) to that
// result.
func (c *collector) returnedValues(fn *ssa.Function) map[string]*keyexpr.Key {
	out := map[string]*keyexpr.Key{}
	b := c.keys(fn)
	for _, blk := range fn.Blocks {
		ret, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for i, v := range ret.Results {
			if k := b.Of(v); k.Op == keyexpr.Opaque {
				out[k.Canon()] = &keyexpr.Key{Op: keyexpr.Result, N: i, Lit: k.Lit}
			}
		}
	}
	return out
}

// asResults rewrites a read's record keys (table.* = &acct) whose record the
// helper returns as that result: the caller's write of the returned record
// (acct, err := s.account(ctx, id); acct.Balance += n; db.Save(acct)) is then a
// write of the record read.
func asResults(keys []*keyexpr.Key, returned map[string]*keyexpr.Key) []*keyexpr.Key {
	if len(returned) == 0 {
		return keys
	}
	out := make([]*keyexpr.Key, len(keys))
	for i, k := range keys {
		out[i] = k
		if k.Op == keyexpr.SQL && len(k.Args) == 1 {
			if r := returned[k.Args[0].Canon()]; r != nil {
				out[i] = &keyexpr.Key{Op: k.Op, Lit: k.Lit, Args: []*keyexpr.Key{r}}
			}
		}
	}
	return out
}

// callResults are the keys of a call's results as the caller's values name them.
func callResults(b *keyexpr.Builder, call ssa.CallInstruction) []*keyexpr.Key {
	v, ok := call.(ssa.Value)
	if !ok {
		return nil // go and defer discard the results
	}
	tuple, ok := v.Type().(*types.Tuple)
	if !ok {
		return []*keyexpr.Key{b.Of(v)}
	}
	out := make([]*keyexpr.Key, tuple.Len())
	for i := range out {
		out[i] = &keyexpr.Key{Op: keyexpr.Ext, N: i, Args: []*keyexpr.Key{b.Of(v)}}
	}
	return out
}

// calledAs is how a message names a helper at its call site: "st.MarkSeen" when the
// receiver has a name here, else the helper's own name.
func calledAs(b *keyexpr.Builder, callee *ssa.Function, call *ssa.CallCommon) string {
	if callee.Signature.Recv() != nil && len(call.Args) > 0 {
		if k := b.Of(call.Args[0]); k.Op != keyexpr.Opaque {
			return k.String() + "." + callee.Name()
		}
	}
	return helperName(callee)
}

// helperName is how a message names a helper: "s.markSeen" or "markSeen".
func helperName(fn *ssa.Function) string {
	if fn.Signature.Recv() != nil && len(fn.Params) > 0 {
		return fn.Params[0].Name() + "." + fn.Name()
	}
	return fn.Name()
}

// returnKeyOf is the key a string-returning helper builds from its parameters.
func (c *collector) returnKeyOf(fn *ssa.Function) *keyexpr.Key {
	res := fn.Signature.Results()
	if res.Len() == 0 {
		return nil
	}
	if b, ok := res.At(0).Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsString == 0 {
		return nil
	}
	var key *keyexpr.Key
	for _, blk := range fn.Blocks {
		ret, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 {
			continue
		}
		k := c.keys(fn).Of(ret.Results[0])
		if key != nil && key.Canon() != k.Canon() {
			return nil
		}
		key = k
	}
	if key == nil || key.Op == keyexpr.Opaque {
		return nil
	}
	return key
}

// returnKey is the Builder's hook for keys built by helpers.
func (c *collector) returnKey(fn *ssa.Function) *keyexpr.Key {
	if s := c.summaryOf(fn); s != nil {
		return s.ReturnKey
	}
	return nil
}

// inlineSummary adds a helper's effects at its call site.
func (c *collector) inlineSummary(f *Func, call ssa.CallInstruction, callee *ssa.Function) {
	s := c.summaryOf(callee)
	if s == nil {
		return
	}
	if s.HandlesDuplicate {
		f.HandlesDuplicate = true
	}
	if s.MakesClaimer {
		f.Claimers = append(f.Claimers, call)
	}
	if s.Serializable {
		for _, a := range call.Common().Args {
			if cl := closureFunc(a); cl != nil && cl.Parent() != nil {
				c.markSerializable(cl)
			}
		}
	}
	if s.LocksAround != 0 {
		c.holdLockInClosures(call, &Effect{Core: Core{Kind: model.Lock, Store: s.LocksAround, Verb: "lock"}, Site: call})
	}
	common := call.Common()
	via := calledAs(c.keys(f.Fn), callee, common)
	c.inlineAt(f, call, s, via, common.Args)
	for _, i := range s.SendsRequests {
		if i < len(common.Args) {
			c.sendRequest(f, call, common.Args[i], via)
		}
	}
}

// inlineAt adds the effects of summary s at call, which passes args for the
// summarized function's parameters; via names it in messages.
func (c *collector) inlineAt(f *Func, call ssa.CallInstruction, s *Summary, via string, args []ssa.Value) {
	b := c.keys(f.Fn)
	bind := &keyexpr.Binding{Site: f.Fn.String() + "@" + strconv.Itoa(int(call.Pos()))}
	for _, a := range args {
		bind.Params = append(bind.Params, b.Of(a))
	}
	bind.Results = callResults(b, call)
	for i, se := range s.Effects {
		e := &Effect{Core: se.Core, Site: call, Result: i == s.ResultRead || i == s.ResultClaim || se.OutParam >= 0}
		e.Guarded, e.Via, e.Depth = se.Guarded || f.Guarded, via, se.Depth+1
		e.Keys = substKeys(se.Keys, bind)
		if se.ValueParam >= 0 && se.ValueParam < len(args) {
			e.Values = []ssa.Value{args[se.ValueParam]}
		}
		f.Effects = append(f.Effects, e)
	}
}

// export publishes a helper's summary for packages that call it.
func (c *collector) export(fn *ssa.Function) {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() != c.pass.Pkg || fn.Synthetic != "" {
		return
	}
	if s := c.summaryOf(fn); s != nil {
		c.pass.ExportObjectFact(obj, s)
	}
}

// returnsCheck reports whether f's result tells its caller what the read found: the
// read's value reaches a return, or decides which return runs
// (if exists { return ErrDuplicate }).
func returnsCheck(f *Func, read *Effect) bool {
	t := f.TaintOf(read)
	if t.Returned {
		return true
	}
	for _, b := range f.Fn.Blocks {
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && t.Gate(b) != nil {
			return true
		}
	}
	return false
}
