package flow

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

const src = `package p

func read(k string) (string, error) { return k, nil }
func write(k, v string)             {}
func scan(dst *string) error        { return nil }
func load() string                  { return "" }

// gated: the write runs only when the read found nothing.
func gated(k string) {
	v, _ := read(k)
	if v != "" {
		return
	}
	write(k, "1")
}

// ungated: the branch on the read merges before the write.
func ungated(k string) {
	v, _ := read(k)
	if v != "" {
		println(v)
	}
	write(k, "1")
}

// errorOnly: only a failing read returns; the write runs found or not.
func errorOnly(k string) {
	_, err := read(k)
	if err != nil {
		return
	}
	write(k, "1")
}

// mergedReturn: if found && valid { return } merges before the write.
func mergedReturn(k string, valid bool) {
	v, err := read(k)
	if err == nil && v != "" {
		return
	}
	write(k, "1")
}

// overwrite: on the miss path the local that held the read is refilled before
// the write (cache-aside reusing the variable).
func overwrite(k string) {
	v, _ := read(k)
	if v == "" {
		_ = scan(&v)
		write(k, v)
	}
}

// merged: a phi of the read and a loaded value still carries the read.
func merged(k string) {
	v, _ := read(k)
	if v == "" {
		v = load()
	}
	write(k, v)
}

// outParam: the read fills a local through a pointer.
func outParam(k string) {
	var v string
	_ = scan(&v)
	write(k, v)
}
`

// build returns the SSA functions of src by name.
func build(t *testing.T) map[string]*ssa.Function {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	require.NoError(t, err)
	pkg := types.NewPackage("p", "")
	ssaPkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset, pkg, []*ast.File{f}, ssa.SanityCheckFunctions)
	require.NoError(t, err)
	fns := map[string]*ssa.Function{}
	for name, m := range ssaPkg.Members {
		if fn, ok := m.(*ssa.Function); ok {
			fns[name] = fn
		}
	}
	return fns
}

// callTo returns the first call of callee in fn.
func callTo(fn *ssa.Function, callee string) *ssa.Call {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok {
				if f := c.Call.StaticCallee(); f != nil && f.Name() == callee {
					return c
				}
			}
		}
	}
	return nil
}

func TestGate(t *testing.T) {
	fns := build(t)
	for name, want := range map[string]bool{"gated": true, "ungated": false, "errorOnly": false, "mergedReturn": true} {
		fn := fns[name]
		taint := Forward(callTo(fn, "read"))
		got := taint.Gate(callTo(fn, "write").Block()) != nil
		assert.Equal(t, want, got, name)
	}
}

func TestForwardThroughLocals(t *testing.T) {
	fns := build(t)

	fn := fns["overwrite"]
	taint := Forward(callTo(fn, "read"))
	written := callTo(fn, "write").Call.Args[1]
	assert.False(t, taint.Values[written], "scan(&v) replaces the read value before the write")

	fn = fns["merged"]
	taint = Forward(callTo(fn, "read"))
	written = callTo(fn, "write").Call.Args[1]
	assert.True(t, taint.Values[written], "on the hit path the read value is written")

	fn = fns["outParam"]
	taint = Forward(callTo(fn, "scan"))
	written = callTo(fn, "write").Call.Args[1]
	assert.True(t, taint.Values[written], "scan(&v) fills v")
}

func TestBeforeAndBetween(t *testing.T) {
	fn := build(t)["gated"]
	r, w := callTo(fn, "read"), callTo(fn, "write")
	assert.True(t, Before(r, w))
	assert.False(t, Before(w, r))
	assert.False(t, Between(r, w, r), "an endpoint is not between")
}
