package headermismatch

import (
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/flow"
	"github.com/idemlint/idemlint/internal/headers"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// sentFact is a package's view of its module's senders: the idempotency headers
// that it and the packages it imports (in the same module) send, and the header
// names they declare as constants. Package facts only reach direct importers, so
// each package re-exports the union of its imports'.
type sentFact struct {
	Module string
	Sent   []Named // sorted by Name, then Pkg
	Consts []Named
}

// Named is a header name and the package that sends or declares it; Proto is
// the transport it is sent on (0 for a declared constant or a configured name);
// PerAttempt says the sender visibly builds a new value for every attempt.
type Named struct {
	Name, Pkg  string
	Proto      headers.Proto
	PerAttempt bool
}

// on reports whether n can be what a read over proto was meant to match: gRPC
// metadata and HTTP headers are separate namespaces.
func (n Named) on(proto headers.Proto) bool { return n.Proto == 0 || n.Proto == proto }

func (*sentFact) AFact() {}

func (f *sentFact) String() string {
	var b strings.Builder
	b.WriteString("sends")
	for _, s := range f.Sent {
		b.WriteString(" " + s.Name)
		if s.PerAttempt {
			b.WriteString("/attempt")
		}
	}
	return b.String()
}

// funcFact summarizes a function for its callers in other packages: a header it
// returns or sends under a name it is given, and providers it verifies.
type funcFact struct {
	Wrap      *headers.Wrapper
	Providers []string
}

func (*funcFact) AFact() {}

func (f *funcFact) String() string {
	s := "headers"
	if f.Wrap != nil {
		s += " wrapper"
	}
	if len(f.Providers) > 0 {
		s += " verifies " + strings.Join(f.Providers, ",")
	}
	return s
}

// module is the module path of the package under analysis ("" when unknown).
func module(pass *analysis.Pass) string {
	if pass.Module != nil {
		return pass.Module.Path
	}
	return ""
}

// importedSent merges the sentFacts of pass's imports that belong to its module.
func importedSent(pass *analysis.Pass) *sentFact {
	mod := module(pass)
	out := &sentFact{Module: mod}
	for _, imp := range pass.Pkg.Imports() {
		var f sentFact
		if pass.ImportPackageFact(imp, &f) && f.Module == mod {
			out.Sent = append(out.Sent, f.Sent...)
			out.Consts = append(out.Consts, f.Consts...)
		}
	}
	return out
}

// declaredConsts are the exported string constants of pkg that name an
// idempotency header: a constants package shared by a client and a server.
func declaredConsts(pkg *types.Package, names *headers.Names) []Named {
	var out []Named
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		c, ok := scope.Lookup(name).(*types.Const)
		if !ok || !c.Exported() || c.Val().Kind() != constant.String {
			continue
		}
		if v := constant.StringVal(c.Val()); names.IsIdempotency(v) {
			out = append(out, Named{Name: v, Pkg: pkg.Path()})
		}
	}
	return out
}

// normalizeNamed sorts and dedups a list.
func normalizeNamed(list []Named) []Named {
	sort.Slice(list, func(i, j int) bool {
		if list[i].Name != list[j].Name {
			return list[i].Name < list[j].Name
		}
		if list[i].Pkg != list[j].Pkg {
			return list[i].Pkg < list[j].Pkg
		}
		if list[i].Proto != list[j].Proto {
			return list[i].Proto < list[j].Proto
		}
		return !list[i].PerAttempt && list[j].PerAttempt
	})
	out := list[:0]
	for i, n := range list {
		if i == 0 || n != list[i-1] {
			out = append(out, n)
		}
	}
	return out
}

// wrappers finds the functions of the package that return a header they read,
// send a header under a name they are given, or make a closure that reads a header
// named by their parameter (a middleware factory); calls to them are accesses too.
type wrappers struct {
	pass  *analysis.Pass
	local map[*types.Func]*headers.Wrapper
	inner map[*types.Func]*headers.Access // the read inside a local fixed-name wrapper
}

// newWrappers summarizes funcs; isKey reports whether a header value read in a
// function is a dedup key there.
func newWrappers(pass *analysis.Pass, funcs []*ssa.Function, isKey func(*ssa.Function, ssa.Value) bool) *wrappers {
	w := &wrappers{pass: pass, local: map[*types.Func]*headers.Wrapper{}, inner: map[*types.Func]*headers.Access{}}
	for round := 0; round < 3; round++ { // wrappers of wrappers, a few levels
		changed := false
		for _, fn := range funcs {
			obj, ok := fn.Object().(*types.Func)
			if !ok || fn.Parent() != nil || w.local[obj] != nil {
				continue
			}
			if wr, inner := summarize(fn, w.lookup, isKey); wr != nil {
				w.local[obj], w.inner[obj] = wr, inner
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return w
}

// lookup returns the wrapper summary of fn, local or imported.
func (w *wrappers) lookup(fn *types.Func) *headers.Wrapper {
	fn = fn.Origin()
	if wr, ok := w.local[fn]; ok {
		return wr
	}
	if fn.Pkg() == nil || fn.Pkg() == w.pass.Pkg {
		return nil
	}
	var f funcFact
	if w.pass.ImportObjectFact(fn, &f) {
		return f.Wrap
	}
	return nil
}

// summarize decides whether fn is a wrapper: it returns the one header it reads
// (its name constant or a parameter), sends a header named by a parameter, or
// makes a closure that reads a header named by a parameter.
func summarize(fn *ssa.Function, wrap func(*types.Func) *headers.Wrapper, isKey func(*ssa.Function, ssa.Value) bool) (*headers.Wrapper, *headers.Access) {
	var found *headers.Wrapper
	var inner *headers.Access
	for _, a := range headers.Scan(fn, wrap) {
		param := ssautil.ParamIndex(fn, a.NameV)
		var wr *headers.Wrapper
		switch {
		case a.Dir == headers.Read && a.Origin.Receives() && a.Value != nil && flow.Forward(a.Value).Returned &&
			!feedsVerification(a.Value): // verifyStripe(w, r) returns the verified event, not the signature
			if a.Name == "" && param < 0 {
				continue
			}
			wr = &headers.Wrapper{Dir: headers.Read, Proto: a.Proto, Origin: a.Origin, Match: a.Match, Name: a.Name, NameParam: param}
		case a.Dir == headers.Send && param >= 0:
			wr = &headers.Wrapper{Dir: headers.Send, Proto: a.Proto, Origin: a.Origin, NameParam: param}
		default:
			continue
		}
		if param >= 0 {
			wr.Name = ""
		}
		if found != nil {
			return nil, nil // two headers: not a plain wrapper
		}
		found, inner = wr, a
	}
	for _, anon := range closures(fn) {
		for _, a := range headers.Scan(anon, wrap) {
			if a.Dir != headers.Read || !a.Origin.Receives() || a.Name != "" {
				continue
			}
			param := capturedParam(fn, a.NameV)
			if param < 0 {
				continue
			}
			if found != nil {
				return nil, nil
			}
			found = &headers.Wrapper{Dir: headers.Read, Proto: a.Proto, Origin: a.Origin, Match: a.Match,
				NameParam: param, Closure: true, Key: a.Value != nil && isKey(anon, a.Value)}
			inner = a
		}
	}
	return found, inner
}

// closures are the function literals of fn, at any depth.
func closures(fn *ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	for _, anon := range fn.AnonFuncs {
		out = append(out, anon)
		out = append(out, closures(anon)...)
	}
	return out
}

// capturedParam returns the index of the parameter of fn that v, a value in a
// closure of fn, holds (through the closures' free variables), or -1.
func capturedParam(fn *ssa.Function, v ssa.Value) int {
	for depth := 0; depth < 8 && v != nil; depth++ {
		switch x := v.(type) {
		case *ssa.Parameter:
			if x.Parent() == fn {
				return ssautil.ParamIndex(fn, x)
			}
			return -1
		case *ssa.FreeVar:
			v = binding(x)
		case *ssa.UnOp: // a captured variable, read through its cell
			if x.Op != token.MUL {
				return -1
			}
			cell := x.X
			for i := 0; i < 8; i++ {
				fv, ok := cell.(*ssa.FreeVar)
				if !ok {
					break
				}
				cell = binding(fv)
			}
			a, ok := cell.(*ssa.Alloc)
			if !ok || a.Parent() != fn {
				return -1
			}
			v = ssautil.StoredOnce(a)
		default:
			return -1
		}
	}
	return -1
}

// binding is the value the closure creation binds to free variable fv.
func binding(fv *ssa.FreeVar) ssa.Value {
	f := fv.Parent()
	i := -1
	for j, x := range f.FreeVars {
		if x == fv {
			i = j
		}
	}
	if i < 0 || f.Parent() == nil {
		return nil
	}
	for _, b := range f.Parent().Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == f && i < len(mc.Bindings) {
				return mc.Bindings[i]
			}
		}
	}
	return nil
}
