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
func Forward(src ssa.Value) *Taint {
	t := &Taint{Values: map[ssa.Value]bool{}, src: src}
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
				markMerges(r, mark)
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

// markLoadsAfter taints the loads of a local that can see the value def put there:
// loads after def with no other assignment of the local in between. A variable
// reused for the loaded value (v, err = Get; ...; Scan(&v)) stops carrying the read.
func markLoadsAfter(a *ssa.Alloc, def ssa.Instruction, mark func(ssa.Value)) {
	var defs []ssa.Instruction
	for _, ref := range *a.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			if r.Addr == a && r != def {
				defs = append(defs, r)
			}
		case *ssa.Call:
			if r != def {
				defs = append(defs, r)
			}
		case *ssa.MakeInterface, *ssa.IndexAddr:
			// &v packed for a variadic call: that call assigns it
			for _, c := range callsTaking(r.(ssa.Value)) {
				if c != def {
					defs = append(defs, c)
				}
			}
		case *ssa.FieldAddr:
			// row.Scan(&p.Base, &p.Rate) refills p field by field
			for _, c := range callsTaking(r) {
				if c != def {
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

// Gate returns a branch on the tainted value that decides whether block runs: block
// is dominated by one arm of the branch, an arm that only the branch enters.
// A plain error check (err != nil) decides only on its error arm: writing when the
// read succeeded is an update, writing when it failed (not found) is the act.
func (t *Taint) Gate(block *ssa.BasicBlock) *ssa.If {
	for _, ifi := range t.Ifs {
		b := ifi.Block()
		for i, succ := range b.Succs {
			if len(succ.Preds) != 1 || !succ.Dominates(block) {
				continue
			}
			if arm, ok := errorArm(ifi); ok && arm != i {
				continue
			}
			return ifi
		}
	}
	for _, ifi := range t.Ifs {
		if _, isErr := errorArm(ifi); (isErr || isErrorCond(ifi.Cond)) && t.readError(ifi.Cond) {
			continue
		}
		if decides(ifi.Block(), block) {
			return ifi
		}
	}
	return nil
}

// decides reports whether a branch at b can run block on one arm and never on the
// other: if err == nil && plan != "" { return }; act() — the arms merge again
// before the act, so no arm dominates it, but one of them returns.
func decides(b, block *ssa.BasicBlock) bool {
	if len(b.Succs) != 2 || !reachesBlock(b, block) {
		return false
	}
	return reachesBlock(b.Succs[0], block) != reachesBlock(b.Succs[1], block)
}

// reachesBlock reports whether to can run after from starts (from itself included).
func reachesBlock(from, to *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := []*ssa.BasicBlock{from}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if b == to {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		work = append(work, b.Succs...)
	}
	return false
}

// readError reports whether an error condition is about the read's own error
// (err from Get(...).Result(), cmd.Err()) rather than the error of decoding what
// was read (json.Unmarshal(raw, &v) != nil), which is a decision on the data.
func (t *Taint) readError(cond ssa.Value) bool {
	switch c := cond.(type) {
	case *ssa.UnOp:
		return t.readError(c.X)
	case *ssa.BinOp:
		for _, v := range []ssa.Value{c.X, c.Y} {
			if isError(v.Type()) && !isNil(v) {
				return t.direct(v)
			}
		}
	case *ssa.Call:
		if fn := c.Call.StaticCallee(); fn != nil && (fn.String() == "errors.Is" || fn.String() == "errors.As") && len(c.Call.Args) > 0 {
			return t.direct(c.Call.Args[0])
		}
	}
	return true
}

// direct reports whether an error value comes straight from the read.
func (t *Taint) direct(v ssa.Value) bool {
	if ext, ok := v.(*ssa.Extract); ok {
		v = ext.Tuple
	}
	if v == t.src {
		return true
	}
	c, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	if len(c.Call.Args) > 0 && fieldOf(c.Call.Args[0]) == t.src {
		return true // cmd.Err(), cmd.Result() (promoted from an embedded baseCmd)
	}
	for _, a := range c.Call.Args { // redis.Int(conn.Do("GET", k)) passes the read's error on
		if isError(a.Type()) && t.direct(a) {
			return true
		}
	}
	return false
}

// isErrorCond reports a condition about an error (err != redis.Nil,
// errors.Is(err, ...)): on its own it separates failures, not found from missing.
func isErrorCond(cond ssa.Value) bool {
	switch c := cond.(type) {
	case *ssa.UnOp:
		return isErrorCond(c.X)
	case *ssa.BinOp:
		return isError(c.X.Type()) || isError(c.Y.Type())
	case *ssa.Call:
		fn := c.Call.StaticCallee()
		return fn != nil && (fn.String() == "errors.Is" || fn.String() == "errors.As")
	}
	return false
}

// errorArm returns which successor of a nil comparison of an error runs when the
// error is non-nil.
func errorArm(ifi *ssa.If) (int, bool) {
	bin, ok := ifi.Cond.(*ssa.BinOp)
	if !ok || (bin.Op != token.EQL && bin.Op != token.NEQ) {
		return 0, false
	}
	x, y := bin.X, bin.Y
	if isNil(x) {
		x, y = y, x
	}
	if !isNil(y) || !isError(x.Type()) {
		return 0, false
	}
	if bin.Op == token.EQL {
		return 1, true
	}
	return 0, true
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
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
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), ab.Succs...)
	for len(work) > 0 {
		blk := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[blk] {
			continue
		}
		seen[blk] = true
		if blk == bb {
			return true
		}
		work = append(work, blk.Succs...)
	}
	return false
}

func index(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// fieldOf strips field selections: &cmd.baseCmd -> cmd.
func fieldOf(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		default:
			return v
		}
	}
}
