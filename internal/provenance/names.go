package provenance

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// Names finds how the source writes an expression, by the position SSA gives its
// value (a call's Lparen, a selector's Sel, a binary expression's operator): the
// variable it is assigned to (day := now.Format("2006-01-02") is "day"), or its
// text.
type Names struct {
	files []*ast.File
	exprs map[token.Pos]ast.Expr
	vars  map[ast.Expr]string
}

// NewNames indexes files lazily, on the first question.
func NewNames(files []*ast.File) *Names { return &Names{files: files} }

func (n *Names) index() {
	if n.exprs != nil {
		return
	}
	n.exprs, n.vars = map[token.Pos]ast.Expr{}, map[ast.Expr]string{}
	for _, f := range n.files {
		ast.Inspect(f, func(node ast.Node) bool {
			switch x := node.(type) {
			case *ast.CallExpr:
				n.exprs[x.Lparen] = x
			case *ast.SelectorExpr:
				n.exprs[x.Sel.Pos()] = x
			case *ast.BinaryExpr:
				n.exprs[x.OpPos] = x
			case *ast.IndexExpr:
				n.exprs[x.Lbrack] = x
			case *ast.TypeAssertExpr:
				n.exprs[x.Lparen] = x
			case *ast.AssignStmt:
				if len(x.Lhs) == len(x.Rhs) {
					for i, r := range x.Rhs {
						if id, ok := x.Lhs[i].(*ast.Ident); ok && id.Name != "_" {
							n.vars[ast.Unparen(r)] = id.Name
						}
					}
				}
			case *ast.ValueSpec:
				if len(x.Names) == len(x.Values) {
					for i, r := range x.Values {
						n.vars[ast.Unparen(r)] = x.Names[i].Name
					}
				}
			}
			return true
		})
	}
}

// Var is the variable the expression at pos is assigned to, or its text, or "".
func (n *Names) Var(pos token.Pos) string {
	if n == nil || !pos.IsValid() {
		return ""
	}
	n.index()
	e, ok := n.exprs[pos]
	if !ok {
		return ""
	}
	if v, ok := n.vars[e]; ok {
		return v
	}
	return text(e)
}

// Expr is the text of the expression at pos, or "".
func (n *Names) Expr(pos token.Pos) string {
	if n == nil || !pos.IsValid() {
		return ""
	}
	n.index()
	if e, ok := n.exprs[pos]; ok {
		return text(e)
	}
	return ""
}

// text prints an expression compactly: "idem:"+userID+day.
func text(e ast.Expr) string {
	s := strings.ReplaceAll(types.ExprString(e), " + ", "+")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}
