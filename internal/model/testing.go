package model

import "go/types"

// TestingType reports whether t is the standard library's test handle (*testing.T,
// *testing.B, *testing.F, testing.TB): a function that takes one is test code, run
// once by go test, never by a broker or a webhook provider.
func TestingType(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "testing" {
		return false
	}
	switch n.Obj().Name() {
	case "T", "B", "F", "TB":
		return true
	}
	return false
}
