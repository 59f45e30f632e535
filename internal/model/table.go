package model

import "go/types"

// Table is the rows of one run: the built-in rows and the ones the run's
// configuration adds (a user's wrappers). It is built once per run and never
// changed after, so analyzers and tests running side by side cannot see each
// other's rows.
type Table struct {
	exact   map[string]*Row // pkg \x00 recv \x00 name
	anyRecv map[string]*Row // pkg \x00 name
	pkgs    map[string]bool // packages that declare a row
}

// builtin is the table of the rows every run starts from; built at init, read only.
var builtin = newTable(builtinRows())

func newTable(rows []Row) *Table {
	t := &Table{exact: map[string]*Row{}, anyRecv: map[string]*Row{}, pkgs: map[string]bool{}}
	for _, r := range rows {
		t.add(r)
	}
	return t
}

// Builtin returns the table of built-in rows; callers must not change it.
func Builtin() *Table { return builtin }

// NewTable returns the built-in rows plus rows: a user's row replaces a built-in
// row of the same function.
func NewTable(rows ...Row) *Table {
	if len(rows) == 0 {
		return builtin
	}
	t := newTable(nil)
	for k, r := range builtin.exact {
		t.exact[k] = r
	}
	for k, r := range builtin.anyRecv {
		t.anyRecv[k] = r
	}
	for p := range builtin.pkgs {
		t.pkgs[p] = true
	}
	for _, r := range rows {
		t.add(r)
	}
	return t
}

func (t *Table) add(r Row) {
	row := &r
	t.pkgs[r.Pkg] = true
	if r.Recv == "any" {
		t.anyRecv[r.Pkg+"\x00"+r.Name] = row
		return
	}
	t.exact[r.Pkg+"\x00"+r.Recv+"\x00"+r.Name] = row
}

// Lookup returns the row of fn, or nil.
func (t *Table) Lookup(fn *types.Func) *Row {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	fn = fn.Origin()
	pkg := fn.Pkg().Path()
	recv := recvTypeName(fn)
	if r := t.exact[pkg+"\x00"+recv+"\x00"+fn.Name()]; r != nil {
		return r
	}
	if recv != "" {
		return t.anyRecv[pkg+"\x00"+fn.Name()]
	}
	return nil
}

// KnowsPackage reports whether any row is declared in pkg: the passes' fast path.
func (t *Table) KnowsPackage(path string) bool { return t.pkgs[path] }

// recvTypeName is the name of fn's receiver type without '*', or "".
func recvTypeName(fn *types.Func) string {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return "?"
}
