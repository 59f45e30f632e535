package flow

// This file answers "does the read decide whether this block runs?".

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

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
	if len(b.Succs) != 2 || !ssautil.Reaches(b, block, nil) {
		return false
	}
	if ssautil.Reaches(b.Succs[0], block, nil) != ssautil.Reaches(b.Succs[1], block, nil) {
		return true
	}
	// In a loop both arms reach the act again through the loop header (continue);
	// within this iteration only one does: blocks that dominate b are not entered.
	loopHead := func(x *ssa.BasicBlock) bool { return x.Dominates(b) }
	return ssautil.Reaches(b.Succs[0], block, loopHead) != ssautil.Reaches(b.Succs[1], block, loopHead)
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
			if ssautil.IsError(v.Type()) && !isNil(v) {
				return t.direct(v)
			}
		}
	case *ssa.Call:
		if c.Call.StaticCallee() != nil && model.MatchesError(model.Callee(&c.Call)) && len(c.Call.Args) > 0 {
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
		if ssautil.IsError(a.Type()) && t.direct(a) {
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
		return ssautil.IsError(c.X.Type()) || ssautil.IsError(c.Y.Type())
	case *ssa.Call:
		return c.Call.StaticCallee() != nil && model.MatchesError(model.Callee(&c.Call))
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
	if !isNil(y) || !ssautil.IsError(x.Type()) {
		return 0, false
	}
	if bin.Op == token.EQL {
		return 1, true
	}
	return 0, true
}

// fieldOf strips field selections: &cmd.baseCmd -> cmd.
func fieldOf(v ssa.Value) ssa.Value { return ssautil.FieldOf(v) }

// Decides returns a branch on the tainted value that decides whether block runs,
// error checks included: for a claim that reports a duplicate as an error (a
// helper returning ErrDuplicate, SET NX through redigo's redis.String), checking
// the error is checking the claim.
func (t *Taint) Decides(block *ssa.BasicBlock) *ssa.If {
	for _, ifi := range t.Ifs {
		b := ifi.Block()
		for _, succ := range b.Succs {
			if len(succ.Preds) == 1 && succ.Dominates(block) {
				return ifi
			}
		}
		if decides(b, block) {
			return ifi
		}
	}
	return nil
}
