package effects

// This file recognizes distributed locks that a project writes itself: a function
// that takes a SET NX on a lock key and returns with it held (acquireLock,
// (*redisLock).AttemptLock), and its twin that releases it with DEL or a
// compare-and-delete script. At their call sites they are a Lock and an Unlock, so a
// check and an act made while the lock is held are not two deliveries racing: a
// second delivery (another replica running the same migration) waits or gives up.

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/model"
)

// lockRole is the kind e has in f's summary: a claim that acquires a lock f returns
// holding is a Lock, a release of such a lock is an Unlock, anything else keeps its
// kind.
func (c *collector) lockRole(f *Func, e *Effect) model.Kind {
	if e.Op == nil || e.Store != model.Redis {
		return e.Kind
	}
	switch {
	case e.Kind == model.Claim && len(e.Keys) > 0 && returnsOutcome(f.Fn, e.Site) &&
		(namesLock(f, e) || c.twin(f, e, releases)):
		return model.Lock // acquireLock: SET lock NX, report whether it was taken
	case releases(e) && (namesLock(f, e) || len(e.Keys) > 0 && c.twin(f, e, acquires)):
		return model.Unlock // releaseLock: DEL, or "if GET == token then DEL" in Lua
	}
	return e.Kind
}

func acquires(e *Effect) bool { return e.Kind == model.Claim }

func releases(e *Effect) bool { return e.Kind == model.Delete || e.Kind == model.Atomic }

// namesLock reports a lock by its name: the key's literal text, the function's name
// or its receiver type's name says lock or mutex.
func namesLock(f *Func, e *Effect) bool {
	for _, k := range e.Keys {
		if model.NamesLock(k.Lits()) {
			return true
		}
	}
	if model.NamesLockIdent(f.Fn.Name()) {
		return true
	}
	recv := f.Fn.Signature.Recv()
	return recv != nil && model.NamesLockIdent(types.TypeString(recv.Type(), nil))
}

// twin reports whether another method of f's receiver type performs an operation
// that match accepts on the same key, in terms of the receiver (l.key in both
// AttemptLock and Unlock).
func (c *collector) twin(f *Func, e *Effect, match func(*Effect) bool) bool {
	recv := f.Fn.Signature.Recv()
	if recv == nil || f.Fn.Prog == nil {
		return false
	}
	mset := f.Fn.Prog.MethodSets.MethodSet(recv.Type())
	for i := 0; i < mset.Len(); i++ {
		m := f.Fn.Prog.MethodValue(mset.At(i))
		if m == nil || m == f.Fn || m.Pkg != f.Fn.Pkg {
			continue
		}
		for _, te := range c.directOps(m) {
			if te.Op != nil && match(te) && sameKeys(e, te) {
				return true
			}
		}
	}
	return false
}

// directOps returns the modeled operations fn and its closures perform themselves,
// without the summaries of the helpers they call. twin compares only those, and
// must not compute a sibling method's effects: while a claim helper
// (func (h *Hooks) claim) is being summarized, its siblings (the handlers that call
// it) would be computed without its summary, and cached that way.
func (c *collector) directOps(fn *ssa.Function) []*Effect {
	if ops, ok := c.direct[fn]; ok {
		return ops
	}
	scratch := &Func{Fn: fn, taint: map[ssa.Value]*flow.Taint{}, work: c}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if op := c.table.Model.Resolve(call, model.Env{Prepared: c.preparedStored}); op != nil && op.Kind != model.Invalid {
				c.addOp(scratch, call, op)
			}
		}
	}
	ops := scratch.Effects
	for _, anon := range fn.AnonFuncs {
		ops = append(ops, c.directOps(anon)...)
	}
	c.direct[fn] = ops
	return ops
}

func sameKeys(a, b *Effect) bool {
	for _, x := range a.CanonKeys() {
		for _, y := range b.CanonKeys() {
			if x == y {
				return true
			}
		}
	}
	return false
}

// returnsOutcome reports whether the result of call reaches fn's caller: returned,
// or deciding which return runs (if !ok { return ErrLocked }).
func returnsOutcome(fn *ssa.Function, call ssa.CallInstruction) bool {
	v, ok := call.(ssa.Value)
	if !ok {
		return false
	}
	t := flow.Forward(v)
	if t.Returned {
		return true
	}
	for _, b := range fn.Blocks {
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && t.Gate(b) != nil {
			return true
		}
	}
	return false
}

// interfaceLock returns the summary of an interface method whose every
// implementation in the interface's package acquires a lock (or every one releases
// it): r.lock.AttemptLock(ctx) on a Lock interface backed by a SET NX type. nil for
// any other method. It travels to other packages as a fact on the method.
func (c *collector) interfaceLock(m *types.Func) *Summary {
	if s, ok := c.ifaceSums[m]; ok {
		return s
	}
	var s *Summary
	if m.Pkg() == c.pass.Pkg {
		s = c.implementedSummary(m)
	} else if fact := new(Summary); c.pass.ImportObjectFact(m, fact) {
		s = fact
	}
	c.ifaceSums[m] = s
	return s
}

// implementedSummary is the summary of an interface method of this package: the
// summary of its one implementation in the package (a repository port and its
// GORM adapter: s.repo.PaymentByKey(ctx, k) reads what (*gormRepo).PaymentByKey
// reads), else the lock every implementation takes or releases. Types declared in
// test files (fakes, mocks) do not count: they are not what a delivery runs.
func (c *collector) implementedSummary(m *types.Func) *Summary {
	if fn := c.onlyImplementation(m); fn != nil {
		return c.summaryOf(fn)
	}
	return c.implementedLock(m)
}

// onlyImplementation is the method m of the one type of this package, outside
// test files, that implements m's interface, or nil.
func (c *collector) onlyImplementation(m *types.Func) *ssa.Function {
	iface, ok := m.Type().(*types.Signature).Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	prog := c.ssa.Pkg.Prog
	var only *ssa.Function
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || types.IsInterface(tn.Type()) || inTestFile(c.pass.Fset, tn.Pos()) {
			continue
		}
		for _, typ := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(typ, iface) {
				continue
			}
			sel := prog.MethodSets.MethodSet(typ).Lookup(m.Pkg(), m.Name())
			fn := (*ssa.Function)(nil)
			if sel != nil {
				fn = prog.MethodValue(sel)
			}
			if fn != nil && fn.Synthetic != "" {
				break // a method promoted from an embedded implementation: the same body
			}
			if fn == nil || only != nil {
				return nil // a generic type's method, or a second implementation
			}
			only = fn
			break
		}
	}
	return only
}

// implementedLock computes interfaceLock for a method of this package's interface.
func (c *collector) implementedLock(m *types.Func) *Summary {
	iface, ok := m.Type().(*types.Signature).Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	prog := c.ssa.Pkg.Prog
	var role model.Kind
	var store model.Store
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || types.IsInterface(tn.Type()) {
			continue
		}
		for _, typ := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			// The method first: its set is cached, and most types lack it, while
			// Implements walks the whole interface for each of a package's types.
			sel := prog.MethodSets.MethodSet(typ).Lookup(m.Pkg(), m.Name())
			if sel == nil || !types.Implements(typ, iface) {
				continue
			}
			fn := prog.MethodValue(sel)
			if fn == nil {
				return nil // a generic type's method: no one body to summarize
			}
			r, st := lockRoleOf(c.summaryOf(fn))
			if r == model.Invalid || role != model.Invalid && r != role {
				return nil // an implementation that is not a lock of the same kind
			}
			role, store = r, st
			break
		}
	}
	if role == model.Invalid {
		return nil
	}
	return &Summary{ResultRead: -1, ResultClaim: -1, Effects: []SumEffect{{Core: Core{Kind: role, Store: store, Verb: m.Name(),
		Via: m.Name()}, ValueParam: -1, OutParam: -1}}}
}

// lockRoleOf says whether a summary takes a lock (Lock) or releases one (Unlock),
// and in which store; Invalid when it does neither or both.
func lockRoleOf(s *Summary) (model.Kind, model.Store) {
	if s == nil {
		return model.Invalid, 0
	}
	role, store := model.Invalid, model.Store(0)
	for _, e := range s.Effects {
		if e.Kind != model.Lock && e.Kind != model.Unlock || e.Store == model.Local {
			continue // a sync.Mutex taken and released inside says nothing
		}
		if role != model.Invalid && e.Kind != role {
			return model.Invalid, 0
		}
		role, store = e.Kind, e.Store
	}
	return role, store
}

// exportInterfaceLocks publishes interfaceLock for this package's interfaces.
func (c *collector) exportInterfaceLocks() {
	scope := c.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue // os.DirEntry = fs.DirEntry: its methods are io/fs's
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for i := 0; i < iface.NumExplicitMethods(); i++ {
			if m := iface.ExplicitMethod(i); m.Pkg() == c.pass.Pkg && c.interfaceLock(m) != nil {
				c.pass.ExportObjectFact(m, c.interfaceLock(m))
			}
		}
	}
}

// inlineInterfaceLock adds, at a call through an interface, the lock its
// implementations take or release.
func (c *collector) inlineInterfaceLock(f *Func, call ssa.CallInstruction) {
	common := call.Common()
	s := c.interfaceLock(common.Method)
	if s == nil {
		return
	}
	via := c.keys(f.Fn).Of(common.Value).String() + "." + common.Method.Name()
	c.inlineAt(f, call, s, via, append([]ssa.Value{common.Value}, common.Args...)) // the receiver is the implementation's parameter 0
}

// inheritCallerLocks gives an unexported helper the lock that every caller in the
// package holds around each call of it (r.lock(); defer r.unlock(); r.migrate(m)):
// the helper's own check and act then run under that lock, and a second replica
// waits for it. A helper with a caller outside the package (exported) or used as a
// value (a callback, a method value) may run without the lock, and inherits nothing.
func (c *collector) inheritCallerLocks(all []*ssa.Function) {
	if !c.takesLocks() {
		return // no function here takes a lock, so none is held at any call
	}
	sites := map[*ssa.Function][]ssa.CallInstruction{}
	escapes := map[*ssa.Function]bool{}
	callers := map[ssa.CallInstruction]*Func{}
	for _, fn := range all {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				noteUses(instr, sites, escapes)
				if call, ok := instr.(ssa.CallInstruction); ok {
					callers[call] = c.funcOf(fn)
				}
			}
		}
	}
	for _, fn := range all {
		if fn.Parent() != nil || escapes[fn] || len(sites[fn]) == 0 || fn.Object() == nil || fn.Object().Exported() {
			continue
		}
		if l := heldAtEvery(sites[fn], callers); l != nil {
			f := c.funcOf(fn)
			f.HeldLocks = append(f.HeldLocks, l)
		}
	}
}

// takesLocks reports whether a function of the package takes a lock, itself or
// through a helper, or runs under one: the only way a call can be under a lock.
func (c *collector) takesLocks() bool {
	for _, f := range c.funcs {
		if len(f.HeldLocks) > 0 {
			return true
		}
		for _, e := range f.Effects {
			if e.Kind == model.Lock {
				return true
			}
		}
	}
	return false
}

// noteUses records the static calls of package functions in instr, and the
// functions it uses as values (they escape: any caller may run them).
func noteUses(instr ssa.Instruction, sites map[*ssa.Function][]ssa.CallInstruction, escapes map[*ssa.Function]bool) {
	var callee *ssa.Function
	if call, ok := instr.(ssa.CallInstruction); ok && !call.Common().IsInvoke() {
		callee, _ = call.Common().Value.(*ssa.Function)
		if callee != nil {
			sites[callee] = append(sites[callee], call)
		}
	}
	for _, op := range instr.Operands(nil) {
		if fn, ok := (*op).(*ssa.Function); ok && fn != callee {
			escapes[fn] = true
		}
	}
}

// heldAtEvery returns a lock held at every one of the calls, or nil.
func heldAtEvery(calls []ssa.CallInstruction, callers map[ssa.CallInstruction]*Func) *Effect {
	var held *Effect
	for _, call := range calls {
		l := heldAt(callers[call], call)
		if l == nil {
			return nil
		}
		if held == nil || l.Store == model.Local {
			held = l // the weakest: a sync.Mutex in one caller serializes no replicas
		}
	}
	return held
}

// heldAt returns a lock f holds at call: taken before it and not released in
// between, or held around f itself.
func heldAt(f *Func, call ssa.CallInstruction) *Effect {
	if f == nil {
		return nil
	}
	for _, l := range f.Effects {
		if f.HeldLock(l) && l.Site != call && flow.Before(l.Site, call) && !unlockedBetween(f, l, call) {
			return l
		}
	}
	if len(f.HeldLocks) > 0 {
		return f.HeldLocks[0]
	}
	return nil
}
