package headermismatch

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/idemlint/idemlint/internal/headers"
)

// astIndex maps SSA positions back to syntax: a call by its '(', an index by its
// '[', a map literal's key by its ':'.
type astIndex struct {
	nodes  map[token.Pos]ast.Node
	parent map[*ast.IndexExpr]ast.Node
}

// syntax returns the package's astIndex, built on first use: most packages with
// header accesses have no finding, and need none.
func (c *checker) syntax() *astIndex {
	if c.ast == nil {
		c.ast = newASTIndex(c.pass)
	}
	return c.ast
}

func newASTIndex(pass *analysis.Pass) *astIndex {
	ix := &astIndex{nodes: map[token.Pos]ast.Node{}, parent: map[*ast.IndexExpr]ast.Node{}}
	// An inspector of its own, not inspect.Analyzer's: that one would index the
	// syntax of every package, and only packages with header accesses get here.
	ins := inspector.New(pass.Files)
	filter := []ast.Node{(*ast.CallExpr)(nil), (*ast.IndexExpr)(nil), (*ast.KeyValueExpr)(nil)}
	ins.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch x := n.(type) {
		case *ast.CallExpr:
			ix.nodes[x.Lparen] = x
		case *ast.IndexExpr:
			ix.nodes[x.Lbrack] = x
			if len(stack) >= 2 {
				ix.parent[x] = stack[len(stack)-2]
			}
		case *ast.KeyValueExpr:
			ix.nodes[x.Colon] = x
		}
		return true
	})
	return ix
}

// nameExpr is the expression that spells a's header name, or nil.
func (ix *astIndex) nameExpr(a *headers.Access) ast.Expr {
	switch n := ix.nodes[a.Pos].(type) {
	case *ast.CallExpr:
		if a.Arg >= 0 && a.Arg < len(n.Args) {
			return n.Args[a.Arg]
		}
	case *ast.IndexExpr:
		return n.Index
	case *ast.KeyValueExpr:
		return n.Key
	}
	return nil
}

// literalFix replaces the name literal of a with name.
func (ix *astIndex) literalFix(a *headers.Access, name string) []analysis.SuggestedFix {
	lit, ok := ix.nameExpr(a).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Use %q", name),
		TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(strconv.Quote(name))}},
	}}
}

// indexFix rewrites a non-canonical index into a call that folds case:
// h["k"][0] -> h.Get("K"), h["k"] -> h.Values("K"), md["K"] -> md.Get("k"). A
// comma-ok index, or an index into a plain map, gets the literal fixed instead. It
// also returns how the message says to fix it.
func (ix *astIndex) indexFix(a *headers.Access, want string) ([]analysis.SuggestedFix, string) {
	idx, _ := ix.nodes[a.Pos].(*ast.IndexExpr)
	if idx == nil {
		return ix.literalFix(a, want), fmt.Sprintf("use %q", want)
	}
	arg := strconv.Quote(want)
	if lit, ok := idx.Index.(*ast.BasicLit); !ok || lit.Kind != token.STRING {
		arg = types.ExprString(idx.Index) // Get and Values fold case themselves
	}
	x := types.ExprString(idx.X)
	commaOk := false
	switch p := ix.parent[idx].(type) {
	case *ast.AssignStmt:
		commaOk = len(p.Lhs) == 2
	case *ast.ValueSpec:
		commaOk = len(p.Names) == 2
	}
	var from, to token.Pos
	var text string
	switch {
	case commaOk || a.MapCall:
		return ix.literalFix(a, want), fmt.Sprintf("use %q", want)
	case a.Proto == headers.GRPC:
		from, to, text = idx.Pos(), idx.End(), x+".Get("+arg+")"
	default:
		from, to, text = idx.Pos(), idx.End(), x+".Values("+arg+")"
		if p, ok := ix.parent[idx].(*ast.IndexExpr); ok && p.X == idx {
			if lit, ok := p.Index.(*ast.BasicLit); ok && lit.Value == "0" {
				from, to, text = p.Pos(), p.End(), x+".Get("+arg+")"
			}
		}
	}
	return []analysis.SuggestedFix{{
		Message:   "Use " + text,
		TextEdits: []analysis.TextEdit{{Pos: from, End: to, NewText: []byte(text)}},
	}}, "use " + text
}
