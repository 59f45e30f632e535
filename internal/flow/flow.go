// Package flow answers the control- and data-flow questions of a check-then-act on one
// SSA function: which values and branches a read's result reaches, and whether a
// branch decides that a later call runs.
package flow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/ssautil"
)

// Taint is what one source value reaches inside its function, by data flow only.
type Taint struct {
	Values   map[ssa.Value]bool
	Ifs      []*ssa.If
	Returned bool // reaches a return statement
	src      ssa.Value
}

// Forward follows src through the function: operations on it, the results of calls
// that take it, locals it is stored into (and locals whose address such a call
// takes, like Scan(&found)), phis and returns.
func Forward(src ssa.Value) *Taint { return forward(src, markMerges, nil) }

// ForwardDecisions is Forward where a branch on the value carries into later code
// only through a flag it sets (fresh := false; if !ok { fresh = true }): lists the
// branch appends to and counters it bumps (a rollback list, a pipeline slot index)
// are bookkeeping of the branch, not its decision, and the loops over them run
// whatever the check found.
func ForwardDecisions(src ssa.Value) *Taint { return forward(src, markFlagMerges, nil) }

// ForwardPast is Forward where the calls readOnly names take a local's address
// without assigning it (GORM's db.Model(&row) only names the table and the record
// a later finisher writes): the read's value in the local survives them.
func ForwardPast(src ssa.Value, readOnly func(*ssa.CallCommon) bool) *Taint {
	return forward(src, markMerges, readOnly)
}

func forward(src ssa.Value, merges func(*ssa.If, func(ssa.Value)), readOnly func(*ssa.CallCommon) bool) *Taint {
	t := &Taint{Values: map[ssa.Value]bool{}, src: src}
	markLoadsAfter := func(a *ssa.Alloc, def ssa.Instruction, mark func(ssa.Value)) {
		loadsAfter(a, def, mark, readOnly)
	}
	work := []ssa.Value{src}
	mark := func(v ssa.Value) {
		if v != nil && !t.Values[v] {
			t.Values[v] = true
			work = append(work, v)
		}
	}
	t.Values[src] = true
	if call, ok := src.(*ssa.Call); ok { // db.GetContext(ctx, &count, q, id)
		for _, a := range outParams(call.Call.Args) {
			markLoadsAfter(a, call, mark)
		}
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			switch r := ref.(type) {
			case *ssa.If:
				t.Ifs = append(t.Ifs, r)
				merges(r, mark)
			case *ssa.Return:
				t.Returned = true
			case *ssa.Store:
				if r.Val == v {
					if a, ok := r.Addr.(*ssa.Alloc); ok {
						markLoadsAfter(a, r, mark)
					}
				}
			case *ssa.Call:
				mark(r)
				for _, a := range outParams(r.Call.Args) { // row.Scan(&found)
					if !addressTainted(t, a) { // db.Get(ctx, &p, q) on a tainted p overwrites it
						markLoadsAfter(a, r, mark)
					}
				}
			case *ssa.MakeClosure, *ssa.Go, *ssa.Defer, *ssa.DebugRef:
				// a closure's use is not a value flow inside this function
			case ssa.Value:
				mark(r)
			}
		}
	}
	return t
}

// markMerges taints the phis that merge the arms of a tainted branch: found := false;
// if n > 0 { found = true } makes found carry the check.
func markMerges(ifi *ssa.If, mark func(ssa.Value)) {
	b := ifi.Block()
	for _, d := range b.Dominees() {
		if len(d.Preds) < 2 {
			continue
		}
		for _, instr := range d.Instrs {
			if phi, ok := instr.(*ssa.Phi); ok {
				mark(phi)
			}
		}
	}
}

// markFlagMerges is markMerges for the boolean phis only: the flags a branch sets.
func markFlagMerges(ifi *ssa.If, mark func(ssa.Value)) {
	markMerges(ifi, func(v ssa.Value) {
		if b, ok := v.Type().Underlying().(*types.Basic); ok && b.Info()&types.IsBoolean != 0 {
			mark(v)
		}
	})
}

// outParams returns the locals whose address a call takes, directly or packed in its
// variadic arguments (Scan(dest ...any)).
func outParams(args []ssa.Value) []*ssa.Alloc {
	var out []*ssa.Alloc
	for _, a := range args {
		if al, ok := ssautil.Unwrap(a).(*ssa.Alloc); ok { // also json.Unmarshal(b, &p)
			out = append(out, al)
			continue
		}
		elems, _ := ssautil.VarArgs(a)
		for _, e := range elems {
			if al, ok := ssautil.Unwrap(e).(*ssa.Alloc); ok {
				out = append(out, al)
			}
		}
	}
	return out
}

// addressTainted reports whether the taint reached a call through the address of a
// itself: then the call takes the local, it does not fill it from the read.
func addressTainted(t *Taint, a *ssa.Alloc) bool {
	if t.Values[a] {
		return true
	}
	for _, ref := range *a.Referrers() {
		if mi, ok := ref.(*ssa.MakeInterface); ok && t.Values[mi] {
			return true
		}
	}
	return false
}

// loadsAfter taints the loads of a local that can see the value def put there:
// loads after def with no other assignment of the local in between. A variable
// reused for the loaded value (v, err = Get; ...; Scan(&v)) stops carrying the read.
func loadsAfter(a *ssa.Alloc, def ssa.Instruction, mark func(ssa.Value), readOnly func(*ssa.CallCommon) bool) {
	var defs []ssa.Instruction
	assigns := func(c ssa.Instruction) bool {
		call, isCall := c.(ssa.CallInstruction)
		return c != def && !(isCall && readOnly != nil && readOnly(call.Common()))
	}
	for _, ref := range *a.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			if r.Addr == a && r != def {
				defs = append(defs, r)
			}
		case *ssa.Call:
			if assigns(r) {
				defs = append(defs, r)
			}
		case *ssa.MakeInterface, *ssa.IndexAddr:
			// &v packed for a variadic call: that call assigns it
			for _, c := range callsTaking(r.(ssa.Value)) {
				if assigns(c) {
					defs = append(defs, c)
				}
			}
		case *ssa.FieldAddr:
			// row.Scan(&p.Base, &p.Rate) refills p field by field
			for _, c := range callsTaking(r) {
				if assigns(c) {
					defs = append(defs, c)
				}
			}
		}
	}
	for _, ref := range *a.Referrers() {
		v, ok := ref.(ssa.Value) // a load, &p.Field, or &p passed on (json.Marshal(&p))
		if !ok || ref == def || !reaches(def, ref) {
			continue
		}
		if u, isLoad := ref.(*ssa.UnOp); isLoad && u.Op != token.MUL {
			continue
		}
		if !overwritten(def, ref, defs) {
			mark(v)
		}
	}
}

// overwritten reports whether another assignment runs between def and use on every
// path: one that every path to use passes (it dominates use) and that def cannot
// follow, so def's value is replaced before use (v = load() after a failed
// json.Unmarshal(raw, &v) on the hit path).
func overwritten(def, use ssa.Instruction, defs []ssa.Instruction) bool {
	for _, d := range defs {
		if Before(d, use) && (Before(def, d) || !reaches(d, def)) {
			return true
		}
	}
	return false
}

// callsTaking returns the calls a boxed or packed address flows into.
func callsTaking(v ssa.Value) []ssa.Instruction {
	var calls []ssa.Instruction
	for _, ref := range *v.Referrers() {
		switch r := ref.(type) {
		case *ssa.Call:
			calls = append(calls, r)
		case *ssa.MakeInterface: // &p.ID boxed for Scan(dest ...any)
			calls = append(calls, callsTaking(r)...)
		case *ssa.Store: // into a variadic array: the call takes the slice
			if ia, ok := r.Addr.(*ssa.IndexAddr); ok {
				if arr, ok := ia.X.(*ssa.Alloc); ok {
					for _, aref := range *arr.Referrers() {
						if sl, ok := aref.(*ssa.Slice); ok {
							calls = append(calls, callsTaking(sl)...)
						}
					}
				}
			}
		}
	}
	return calls
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// Before reports whether a always runs before b: a's block dominates b's, or both
// are in one block and a comes first.
func Before(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab == nil || bb == nil || ab.Parent() != bb.Parent() {
		return false
	}
	if ab != bb {
		return ab.Dominates(bb)
	}
	for _, instr := range ab.Instrs {
		if instr == a {
			return true
		}
		if instr == b {
			return false
		}
	}
	return false
}

// Between reports whether x can run after from and before to on some path.
func Between(from, to, x ssa.Instruction) bool {
	if x == from || x == to {
		return false
	}
	return reaches(from, x) && reaches(x, to)
}

// reaches reports whether b can run after a.
func reaches(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab == nil || bb == nil || ab.Parent() != bb.Parent() {
		return false
	}
	if ab == bb && index(ab, a) < index(ab, b) {
		return true
	}
	return ssautil.ReachesAfter(ab, bb)
}

func index(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// Reaches reports whether b can run after a, in the same function.
func Reaches(a, b ssa.Instruction) bool { return reaches(a, b) }
