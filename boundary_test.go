package idemlint_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// engines are the packages that must ask internal/model about third-party APIs
// instead of spelling their names: every analyzer and the shared engines.
var engines = []string{"passes", "internal/effects", "internal/flow", "internal/keyexpr"}

// nameGetters are the methods whose result is an API's name: types.Func.Name(),
// FullName(), String(), types.Package.Path() (also through Pkg()/Obj()).
var nameGetters = map[string]bool{"Name": true, "FullName": true, "Path": true, "String": true}

// stringTests are the functions of package strings that compare their arguments.
var stringTests = map[string]bool{"HasPrefix": true, "HasSuffix": true, "Contains": true, "EqualFold": true, "Index": true}

// TestNoAPINamesOutsideModel fails when a pass or a shared engine compares a
// string literal with a function, method, type or package name (fn.Name() ==
// "Set", switch fn.String() { case "errors.Is": }, strings.HasPrefix(path, "log")):
// such a fact belongs to a library's file in internal/model.
func TestNoAPINamesOutsideModel(t *testing.T) {
	var found []string
	for _, dir := range engines {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			for _, pos := range nameComparisons(f) {
				found = append(found, fset.Position(pos).String())
			}
			return nil
		})
		require.NoError(t, err)
	}
	assert.Empty(t, found, "string literals compared with API names; move the fact to internal/model")
}

// TestBoundaryCheckFindsComparisons proves the check above can fail.
func TestBoundaryCheckFindsComparisons(t *testing.T) {
	const src = `package p
func a(fn F) bool { return fn.Name() == "Set" }
func b(fn F) bool { switch fn.String() { case "errors.Is": return true }; return false }
func c(fn F) bool { path := fn.Pkg().Path(); return strings.Contains(path, "log") }
func d(fn F) bool { name := fn.Name(); return name == fn.Other() }
func e(fn F) bool { return "Get" != fn.Obj().Name() }
func g(fn F) bool { for _, p := range []string{"log", "zap"} { if strings.Contains(fn.Pkg().Path(), p) { return true } }; return fn.Name() == "" }
func h(op O) bool { return op.Row.Name != "Set" }
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	require.NoError(t, err)
	assert.Len(t, nameComparisons(f), 6, "a, b, c, e, g and h compare a name with a literal; d and g's \"\" do not")
}

// nameComparisons returns where f compares a string literal with a name.
func nameComparisons(f *ast.File) []token.Pos {
	var out []token.Pos
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		derived := namesIn(fd.Body)
		isName := func(e ast.Expr) bool { return isNameExpr(e, derived) }
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.BinaryExpr:
				if (x.Op == token.EQL || x.Op == token.NEQ) &&
					(isName(x.X) && isStringLit(x.Y) || isName(x.Y) && isStringLit(x.X)) {
					out = append(out, x.Pos())
				}
			case *ast.SwitchStmt:
				if x.Tag != nil && isName(x.Tag) && hasStringCase(x) {
					out = append(out, x.Pos())
				}
			case *ast.CallExpr:
				if sel, ok := x.Fun.(*ast.SelectorExpr); ok && isIdent(sel.X, "strings") && stringTests[sel.Sel.Name] && len(x.Args) == 2 &&
					(isName(x.Args[0]) && isStringLit(x.Args[1]) || isName(x.Args[1]) && isStringLit(x.Args[0])) {
					out = append(out, x.Pos())
				}
			}
			return true
		})
	}
	return out
}

// namesIn returns the local variables assigned a name (path := fn.Pkg().Path()).
func namesIn(body *ast.BlockStmt) map[string]bool {
	names := map[string]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && isNameExpr(as.Rhs[i], names) {
				names[id.Name] = true
			}
		}
		return true
	})
	return names
}

// isNameExpr reports a call of a name getter (fn.Name(), fn.Pkg().Path()), a
// strings function of one (strings.ToLower(fn.Name())), or a variable holding one.
func isNameExpr(e ast.Expr, derived map[string]bool) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return derived[x.Name]
	case *ast.ParenExpr:
		return isNameExpr(x.X, derived)
	case *ast.CallExpr:
		sel, ok := x.Fun.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if isIdent(sel.X, "strings") {
			return len(x.Args) > 0 && isNameExpr(x.Args[0], derived)
		}
		return len(x.Args) == 0 && nameGetters[sel.Sel.Name]
	case *ast.SelectorExpr: // a row's Name or Pkg field: op.Row.Name
		inner, ok := x.X.(*ast.SelectorExpr)
		return ok && inner.Sel.Name == "Row" && (x.Sel.Name == "Name" || x.Sel.Name == "Pkg")
	case *ast.BinaryExpr: // fn.Pkg().Path() + "." + fn.Name()
		return x.Op == token.ADD && (isNameExpr(x.X, derived) || isNameExpr(x.Y, derived))
	}
	return false
}

func hasStringCase(s *ast.SwitchStmt) bool {
	for _, st := range s.Body.List {
		for _, e := range st.(*ast.CaseClause).List {
			if isStringLit(e) {
				return true
			}
		}
	}
	return false
}

// isStringLit reports a non-empty string literal ("" says "no name", not a name),
// also a loop variable ranging over a list of them.
func isStringLit(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.BasicLit: // a file suffix ("_test.go") is not an API's name
		return x.Kind == token.STRING && x.Value != `""` && !strings.HasSuffix(x.Value, `.go"`)
	case *ast.Ident:
		rng, ok := rangeOf(x)
		if !ok {
			return false
		}
		lit, ok := rng.X.(*ast.CompositeLit)
		return ok && len(lit.Elts) > 0 && isStringLit(lit.Elts[0])
	}
	return false
}

// rangeOf returns the range statement that declares id as its value.
func rangeOf(id *ast.Ident) (*ast.RangeStmt, bool) {
	if id.Obj == nil {
		return nil, false
	}
	as, ok := id.Obj.Decl.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return nil, false
	}
	u, ok := as.Rhs[0].(*ast.UnaryExpr)
	if !ok || u.Op != token.RANGE {
		return nil, false
	}
	return &ast.RangeStmt{X: u.X}, true
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
