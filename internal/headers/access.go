package headers

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// Import paths of the modeled APIs.
const (
	netHTTP  = "net/http"
	httptest = "net/http/httptest"
	gin      = "github.com/gin-gonic/gin"
	echo     = "github.com/labstack/echo/v4"
	fiber    = "github.com/gofiber/fiber/v2"
	resty    = "github.com/go-resty/resty/v2"
	metadata = "google.golang.org/grpc/metadata"
)

// Packages are the modeled import paths: a package importing none of them (nor a
// wrapper of them) has no header accesses.
var Packages = []string{netHTTP, gin, echo, fiber, resty, metadata, "github.com/go-chi/chi/v5"}

// Dir says whether an access reads a header of a request or sets one to send.
type Dir uint8

const (
	Read Dir = iota + 1
	Send
)

// Proto is the header namespace: HTTP headers or gRPC metadata.
type Proto uint8

const (
	HTTP Proto = iota + 1
	GRPC
)

// Match is how a read finds its header.
type Match uint8

const (
	// AnyCase: Header.Get/Values, MD.Get, gin GetHeader, fiber Get fold case.
	AnyCase Match = iota
	// CanonicalForm: an index into http.Header (or fiber's header map) matches
	// only the canonical form, "Idempotency-Key".
	CanonicalForm
	// LowerCase: an index into metadata.MD matches only lower case.
	LowerCase
)

// Access is one header read or send.
type Access struct {
	Dir    Dir
	Proto  Proto
	Origin Origin
	Match  Match
	API    string    // how messages name the operation: "Header.Get", "metadata.Pairs"
	Name   string    // the header name, when constant
	NameV  ssa.Value // the name operand
	Value  ssa.Value // for a read: what it yields
	Sent   ssa.Value // for a send: the value set, when known
	Instr  ssa.Instruction
	Pos    token.Pos // Lparen of a call, Lbrack of an index, Colon of a literal's key
	Arg    int       // the name's argument index in the call (receiver not counted); -1 for an index or key
	Via    *types.Func
}

// Wrapper describes a function of the user's that reads or sends a header, so that
// its calls are accesses too (func idemKey(r *http.Request) string).
type Wrapper struct {
	Dir    Dir
	Proto  Proto
	Origin Origin
	Name   string // the header it always accesses, or ""
	// NameParam is the parameter (receiver counted) that carries the name, or -1.
	NameParam int
	// Match is how the read inside finds the header (an index matches only the
	// canonical form).
	Match Match
	// Closure: the read is in a closure the function makes (a middleware factory,
	// func Dedup(h string) func(http.Handler) http.Handler), so its calls yield
	// no header value; Key says whether that closure uses the value as a dedup key.
	Closure, Key bool
}

// Scan returns the header accesses of fn; wrap resolves the user's wrappers.
func Scan(fn *ssa.Function, wrap func(*types.Func) *Wrapper) []*Access {
	var out []*Access
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Lookup:
				if a := lookup(x); a != nil {
					out = append(out, a)
				}
			case *ssa.MapUpdate:
				if a := mapWrite(x); a != nil {
					out = append(out, a)
				}
			case ssa.CallInstruction:
				out = append(out, call(x, wrap)...)
			}
		}
	}
	return out
}

// lookup is a read by index: r.Header["Idempotency-Key"], md["x-event-id"],
// c.GetReqHeaders()["Idempotency-Key"].
func lookup(l *ssa.Lookup) *Access {
	if _, ok := l.X.Type().Underlying().(*types.Map); !ok {
		return nil
	}
	a := &Access{Dir: Read, NameV: l.Index, Value: l, Instr: l, Pos: l.Pos(), Arg: -1}
	switch {
	case isNamed(l.X.Type(), netHTTP, "Header"):
		a.Proto, a.Match, a.API, a.Origin = HTTP, CanonicalForm, "http.Header index", headerOrigin(l.X)
	case isNamed(l.X.Type(), metadata, "MD"):
		a.Proto, a.Match, a.API, a.Origin = GRPC, LowerCase, "metadata.MD index", mdOrigin(l.X)
	case isCallTo(l.X, fiber, "Ctx", "GetReqHeaders"):
		a.Proto, a.Match, a.API, a.Origin = HTTP, CanonicalForm, "fiber Ctx.GetReqHeaders index", Incoming
	default:
		return nil
	}
	a.Name, _ = ssautil.ConstString(l.Index)
	return a
}

// mapWrite is a send by index or literal: req.Header["X"] = ..., http.Header{"X": ...},
// metadata.MD{"x": ...}.
func mapWrite(u *ssa.MapUpdate) *Access {
	a := &Access{Dir: Send, NameV: u.Key, Sent: u.Value, Instr: u, Pos: u.Pos(), Arg: -1}
	switch {
	case isNamed(u.Map.Type(), netHTTP, "Header"):
		a.Proto, a.API, a.Origin = HTTP, "http.Header", headerOrigin(u.Map)
	case isNamed(u.Map.Type(), metadata, "MD"):
		a.Proto, a.API, a.Origin = GRPC, "metadata.MD", mdOrigin(u.Map)
	default:
		return nil
	}
	if !a.Origin.Sends() {
		return nil
	}
	a.Name, _ = ssautil.ConstString(u.Key)
	return a
}

// call returns the accesses a call performs.
func call(instr ssa.CallInstruction, wrap func(*types.Func) *Wrapper) []*Access {
	common := instr.Common()
	fn := model.Callee(common)
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	args := model.Args(common)
	recv := model.Receiver(common)
	value, _ := instr.(ssa.Value)
	one := func(dir Dir, proto Proto, origin Origin, match Match, api string, arg int) []*Access {
		if arg >= len(args) || (dir == Send && !origin.Sends()) {
			return nil
		}
		a := &Access{Dir: dir, Proto: proto, Origin: origin, Match: match, API: api, NameV: args[arg],
			Instr: instr, Pos: common.Pos(), Arg: arg}
		if dir == Read {
			a.Value = value
		} else if arg+1 < len(args) {
			a.Sent = args[arg+1]
		}
		a.Name, _ = ssautil.ConstString(args[arg])
		return []*Access{a}
	}
	switch key := funcKey(fn); key {
	case "net/http.Header.Get", "net/http.Header.Values":
		return one(Read, HTTP, headerOrigin(recv), AnyCase, "Header."+fn.Name(), 0)
	case "net/http.Header.Set", "net/http.Header.Add":
		return one(Send, HTTP, headerOrigin(recv), AnyCase, "Header."+fn.Name(), 0)
	case gin + ".Context.GetHeader":
		return one(Read, HTTP, Incoming, AnyCase, "gin Context.GetHeader", 0)
	case fiber + ".Ctx.Get":
		return one(Read, HTTP, Incoming, AnyCase, "fiber Ctx.Get", 0)
	case resty + ".Request.SetHeader", resty + ".Request.SetHeaderVerbatim", resty + ".Client.SetHeader", resty + ".Client.SetHeaderVerbatim":
		return one(Send, HTTP, Outgoing, AnyCase, "resty "+fn.Name(), 0)
	case resty + ".Request.SetHeaders", resty + ".Request.SetHeaderMultiValues", resty + ".Client.SetHeaders":
		return literalKeys(instr, args, 0, HTTP, "resty "+fn.Name())
	case metadata + ".MD.Get":
		return one(Read, GRPC, mdOrigin(recv), AnyCase, "metadata.MD.Get", 0)
	case metadata + ".ValueFromIncomingContext":
		return one(Read, GRPC, Incoming, AnyCase, "metadata.ValueFromIncomingContext", 1)
	case metadata + ".MD.Set", metadata + ".MD.Append":
		return one(Send, GRPC, mdOrigin(recv), AnyCase, "metadata.MD."+fn.Name(), 0)
	case metadata + ".New":
		return literalKeys(instr, args, 0, GRPC, "metadata.New")
	case metadata + ".Pairs":
		return pairs(instr, args, 0, "metadata.Pairs")
	case metadata + ".AppendToOutgoingContext":
		return pairs(instr, args, 1, "metadata.AppendToOutgoingContext")
	}
	if w := wrap(fn); w != nil && !common.IsInvoke() {
		return wrapped(instr, fn, w, value)
	}
	return nil
}

// wrapped is a call of a user's wrapper.
func wrapped(instr ssa.CallInstruction, fn *types.Func, w *Wrapper, value ssa.Value) []*Access {
	common := instr.Common()
	a := &Access{Dir: w.Dir, Proto: w.Proto, Origin: w.Origin, Match: w.Match, API: fn.Name(), Name: w.Name,
		Instr: instr, Pos: common.Pos(), Arg: -1, Via: fn}
	if w.Dir == Read && !w.Closure {
		a.Value = value
	}
	switch w.Match {
	case CanonicalForm:
		a.API += " (an http.Header index)"
	case LowerCase:
		a.API += " (a metadata.MD index)"
	}
	if w.NameParam >= 0 {
		if w.NameParam >= len(common.Args) {
			return nil
		}
		a.NameV = common.Args[w.NameParam]
		a.Name, _ = ssautil.ConstString(a.NameV)
		a.Arg = w.NameParam
		if fn.Type().(*types.Signature).Recv() != nil {
			a.Arg--
		}
	}
	return []*Access{a}
}

// literalKeys sends every constant key of a map literal passed at args[i]
// (resty SetHeaders(map[string]string{...}), metadata.New(map[string]string{...})).
func literalKeys(instr ssa.CallInstruction, args []ssa.Value, i int, proto Proto, api string) []*Access {
	if i >= len(args) {
		return nil
	}
	mm, ok := args[i].(*ssa.MakeMap)
	if !ok {
		return nil
	}
	var out []*Access
	for _, ref := range *mm.Referrers() {
		if u, ok := ref.(*ssa.MapUpdate); ok && u.Map == mm {
			name, _ := ssautil.ConstString(u.Key)
			out = append(out, &Access{Dir: Send, Proto: proto, Origin: Outgoing, API: api, Name: name,
				NameV: u.Key, Sent: u.Value, Instr: instr, Pos: u.Pos(), Arg: -1})
		}
	}
	return out
}

// pairs sends the keys of a key/value list (metadata.Pairs("k", v, ...)).
func pairs(instr ssa.CallInstruction, args []ssa.Value, i int, api string) []*Access {
	elems, ok := ssautil.VarArgsAt(args, i)
	if !ok {
		return nil
	}
	var out []*Access
	for j := 0; j < len(elems); j += 2 {
		name, _ := ssautil.ConstString(elems[j])
		a := &Access{Dir: Send, Proto: GRPC, Origin: Outgoing, API: api, Name: name,
			NameV: elems[j], Instr: instr, Pos: instr.Common().Pos(), Arg: i + j}
		if j+1 < len(elems) {
			a.Sent = elems[j+1]
		}
		out = append(out, a)
	}
	return out
}

// IsHeaderMap reports whether t is http.Header or metadata.MD.
func IsHeaderMap(t types.Type) bool {
	return isNamed(t, netHTTP, "Header") || isNamed(t, metadata, "MD")
}

// ExactKeys returns the constant keys fn writes into header maps by index
// (h["idempotency-key"] = v): such a key is stored as written, so an index with
// the same spelling does match.
func ExactKeys(fn *ssa.Function) []string {
	var out []string
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if u, ok := instr.(*ssa.MapUpdate); ok && IsHeaderMap(u.Map.Type()) {
				if name, ok := ssautil.ConstString(u.Key); ok {
					out = append(out, name)
				}
			}
		}
	}
	return out
}

// funcKey is "pkg/path.Recv.Name" or "pkg/path.Name", without '*'.
func funcKey(fn *types.Func) string {
	fn = fn.Origin()
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return fn.Pkg().Path() + "." + fn.Name()
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return fn.Pkg().Path() + "." + n.Obj().Name() + "." + fn.Name()
	}
	return fn.Pkg().Path() + ".?." + fn.Name()
}

// isNamed reports whether t (or what it points to) is the named type pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == name && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg
}

// isCallTo reports whether v is the result of a call of pkg.recv.name.
func isCallTo(v ssa.Value, pkg, recv, name string) bool {
	c, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	fn := model.Callee(&c.Call)
	return fn != nil && fn.Pkg() != nil && funcKey(fn) == pkg+"."+recv+"."+name
}
