package headers

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// Packages are the modeled import paths: a package importing none of them (nor a
// wrapper of them) has no header accesses.
var Packages = model.HeaderPackages

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
	// MapCall says an index reads a map a call returned (fiber's
	// c.GetReqHeaders()[name]): there is no header map to call Get on.
	MapCall bool
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
	case model.IsHTTPHeader(l.X.Type()):
		a.Proto, a.Match, a.API, a.Origin = HTTP, CanonicalForm, "http.Header index", headerOrigin(l.X)
	case model.IsMetadataMD(l.X.Type()):
		a.Proto, a.Match, a.API, a.Origin = GRPC, LowerCase, "metadata.MD index", mdOrigin(l.X)
	case returnsHeaderMap(l.X):
		a.Proto, a.Match, a.API, a.Origin, a.MapCall = HTTP, CanonicalForm, "fiber Ctx.GetReqHeaders index", Incoming, true
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
	case model.IsHTTPHeader(u.Map.Type()):
		a.Proto, a.API, a.Origin = HTTP, "http.Header", headerOrigin(u.Map)
	case model.IsMetadataMD(u.Map.Type()):
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
	if hc := model.HeaderCallOf(fn); hc != nil {
		return modeled(instr, hc, args, recv, value)
	}
	if w := wrap(fn); w != nil && !common.IsInvoke() {
		return wrapped(instr, fn, w, value)
	}
	return nil
}

// modeled returns the accesses of a call of a modeled header API.
func modeled(instr ssa.CallInstruction, hc *model.HeaderCall, args []ssa.Value, recv, value ssa.Value) []*Access {
	proto := HTTP
	if hc.GRPC {
		proto = GRPC
	}
	switch hc.Names {
	case model.NameMap:
		return literalKeys(instr, args, hc.Arg, proto, hc.API)
	case model.NamePairs:
		return pairs(instr, args, hc.Arg, hc.API)
	}
	dir, origin := Read, Incoming
	if hc.Send {
		dir = Send
	}
	switch hc.From {
	case model.SourceOutgoing:
		origin = Outgoing
	case model.SourceReceiver:
		if hc.GRPC {
			origin = mdOrigin(recv)
		} else {
			origin = headerOrigin(recv)
		}
	}
	if hc.Arg >= len(args) || (dir == Send && !origin.Sends()) {
		return nil
	}
	a := &Access{Dir: dir, Proto: proto, Origin: origin, Match: AnyCase, API: hc.API, NameV: args[hc.Arg],
		Instr: instr, Pos: instr.Common().Pos(), Arg: hc.Arg}
	if dir == Read {
		a.Value = value
	} else if hc.Arg+1 < len(args) {
		a.Sent = args[hc.Arg+1]
	}
	a.Name, _ = ssautil.ConstString(args[hc.Arg])
	return []*Access{a}
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
func IsHeaderMap(t types.Type) bool { return model.IsHTTPHeader(t) || model.IsMetadataMD(t) }

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

// returnsHeaderMap reports a map that a call returned as the request's headers.
func returnsHeaderMap(v ssa.Value) bool {
	c, ok := v.(*ssa.Call)
	return ok && model.HeaderMapCall(model.Callee(&c.Call))
}
