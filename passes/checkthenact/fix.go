package checkthenact

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/idemlint/idemlint/internal/effects"
	"github.com/idemlint/idemlint/internal/model"
)

// claimFix rewrites the mechanical case of a go-redis check-then-act into a claim:
//
//	if rdb.Exists(ctx, k).Val() > 0 { return }   =>   if !rdb.SetNX(ctx, k, 1, ttl).Val() { return }
//	...                                                ...
//	rdb.Set(ctx, k, 1, ttl)                            (removed)
//
// It applies only when the branch condition is exactly the check, the write is a
// statement of its own, and its value and TTL are constants (so they mean the same
// at the check). Claiming first also closes the window between check and act.
func claimFix(pass *analysis.Pass, check, act *effects.Effect) []analysis.SuggestedFix {
	if check.Op == nil || act.Op == nil {
		return nil
	}
	claimMethod := model.ClaimFor(act.Op.Row)
	if claimMethod == "" {
		return nil
	}
	file := fileOf(pass, act.Pos())
	if file == nil || fileOf(pass, check.Pos()) != file {
		return nil
	}
	setCall, setStmt := callStmt(file, act.Pos())
	if setCall == nil || setStmt == nil || len(setCall.Args) != 4 || !isConst(pass, setCall.Args[2]) || !isConst(pass, setCall.Args[3]) {
		return nil
	}
	cond, exists := checkCondition(pass, file, check)
	if cond == nil {
		return nil
	}
	checkCall := findCall(cond, check.Pos())
	sel, ok := checkCall.Fun.(*ast.SelectorExpr)
	if !ok || len(checkCall.Args) != 2 {
		return nil
	}
	claim := claimMethod + "(" + src(pass, checkCall.Args[0]) + ", " + src(pass, checkCall.Args[1]) + ", " +
		src(pass, setCall.Args[2]) + ", " + src(pass, setCall.Args[3]) + ").Val()"
	newCond := src(pass, sel.X) + "." + claim
	if exists {
		newCond = "!" + newCond
	}
	return []analysis.SuggestedFix{{
		Message: "claim the key with SetNX before acting",
		TextEdits: []analysis.TextEdit{
			{Pos: cond.Pos(), End: cond.End(), NewText: []byte(newCond)},
			{Pos: setStmt.Pos(), End: setStmt.End(), NewText: nil},
		},
	}}
}

func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// callStmt returns the call at pos and the expression statement it forms, if any.
func callStmt(file *ast.File, pos token.Pos) (*ast.CallExpr, *ast.ExprStmt) {
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for i, n := range path {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Lparen != pos {
			continue
		}
		if i+1 < len(path) {
			stmt, _ := path[i+1].(*ast.ExprStmt)
			return call, stmt
		}
		return call, nil
	}
	return nil, nil
}

// checkCondition finds the if-condition that is exactly the check, and whether it is
// true when the key exists: X.Exists(..).Val() > 0 | != 0 | == 1 (exists) or == 0
// (missing); X.Get(..).Err() == redis.Nil (missing) or != redis.Nil (exists). The
// model says which shape the check's command and accessor have.
func checkCondition(pass *analysis.Pass, file *ast.File, check *effects.Effect) (ast.Expr, bool) {
	path, _ := astutil.PathEnclosingInterval(file, check.Pos(), check.Pos())
	for _, n := range path {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || ifs.Init != nil {
			continue
		}
		bin, ok := ifs.Cond.(*ast.BinaryExpr)
		if !ok {
			return nil, false
		}
		shape := model.CheckShapeOf(check.Op.Row, accessorOn(pass, bin.X))
		lit, _ := bin.Y.(*ast.BasicLit)
		switch {
		case shape == model.CountsKeys && lit != nil:
			switch {
			case bin.Op == token.GTR && lit.Value == "0", bin.Op == token.NEQ && lit.Value == "0", bin.Op == token.EQL && lit.Value == "1":
				return ifs.Cond, true
			case bin.Op == token.EQL && lit.Value == "0":
				return ifs.Cond, false
			}
		case shape == model.ErrMisses && isMissSentinel(pass, bin.Y):
			return ifs.Cond, bin.Op == token.NEQ
		}
		return nil, false
	}
	return nil, false
}

// accessorOn returns M for an expression X.Get(...).M(), or nil.
func accessorOn(pass *analysis.Pass, e ast.Expr) *types.Func {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if _, ok := sel.X.(*ast.CallExpr); !ok {
		return nil
	}
	fn, _ := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	return fn
}

// isMissSentinel reports redis.Nil, the error of a miss.
func isMissSentinel(pass *analysis.Pass, e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	return ok && model.IsMissSentinel(pass.TypesInfo.Uses[sel.Sel])
}

// findCall returns the call expression whose '(' is at pos.
func findCall(root ast.Node, pos token.Pos) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(root, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && c.Lparen == pos {
			found = c
		}
		return found == nil
	})
	if found == nil {
		return &ast.CallExpr{}
	}
	return found
}

func isConst(pass *analysis.Pass, e ast.Expr) bool {
	tv, ok := pass.TypesInfo.Types[e]
	return ok && tv.Value != nil || isNilIdent(pass, e)
}

func isNilIdent(pass *analysis.Pass, e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	_, isNil := pass.TypesInfo.Uses[id].(*types.Nil)
	return ok && isNil
}

func src(pass *analysis.Pass, e ast.Expr) string {
	var buf bytes.Buffer
	if err := format.Node(&buf, pass.Fset, e); err != nil {
		return ""
	}
	return buf.String()
}
