package headers

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/idemlint/idemlint/internal/model"
	"github.com/idemlint/idemlint/internal/ssautil"
)

// Origin is whose headers a value holds: a request being handled, a request being
// sent, or a response.
type Origin uint8

const (
	// Unknown: a parameter or field of unknown provenance.
	Unknown Origin = iota
	// Incoming: the request a handler serves (gin/echo/fiber context, the
	// *http.Request of a func that also takes an http.ResponseWriter).
	Incoming
	// Outgoing: a request this code builds (http.NewRequest, a literal).
	Outgoing
	// Response: a response's headers (w.Header(), resp.Header).
	Response
)

// Sends reports whether setting a header on a value of this origin sends it to a
// receiver: an outgoing request, or a header of unknown provenance (a helper that
// signs a request). Setting one on the request being handled, or on a response,
// does not.
func (o Origin) Sends() bool { return o == Outgoing || o == Unknown }

// Receives reports whether reading a header of this origin reads what a sender
// sent to this code.
func (o Origin) Receives() bool { return o == Incoming || o == Unknown }

// headerOrigin classifies an http.Header value.
func headerOrigin(v ssa.Value) Origin {
	return originOf(v, 0, func(v ssa.Value, depth int) (Origin, bool) {
		switch x := v.(type) {
		case *ssa.UnOp:
			if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL {
				return fieldOrigin(fa.X, fa.X.Type(), fa.Field, depth), true
			}
		case *ssa.Field:
			return fieldOrigin(x.X, x.X.Type(), x.Field, depth), true
		case *ssa.MakeMap:
			return Outgoing, true
		case *ssa.Call:
			fn := model.Callee(&x.Call)
			if fn == nil || fn.Type().(*types.Signature).Recv() == nil {
				return Unknown, true
			}
			switch model.HeaderMethodSource(fn) {
			case model.SourceResponse: // w.Header(), c.Response().Header(), c.Writer.Header()
				return Response, true
			case model.SourceReceiver: // h.Clone()
				return headerOrigin(model.Receiver(&x.Call)), true
			}
		}
		return Unknown, false
	})
}

// fieldOrigin classifies the Header field of a struct (pointer) x.
func fieldOrigin(x ssa.Value, t types.Type, field int, depth int) Origin {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || field >= st.NumFields() {
		return Unknown
	}
	switch model.HeaderFieldSource(t, st.Field(field).Name()) {
	case model.SourceRequest:
		return requestOrigin(x, depth+1)
	case model.SourceResponse:
		return Response
	case model.SourceOutgoing:
		return Outgoing
	}
	return Unknown
}

// requestOrigin classifies an *http.Request value.
func requestOrigin(v ssa.Value, depth int) Origin {
	return originOf(v, depth, func(v ssa.Value, depth int) (Origin, bool) {
		switch x := v.(type) {
		case *ssa.Alloc:
			return Outgoing, true // &http.Request{...}
		case *ssa.Extract:
			if c, ok := x.Tuple.(*ssa.Call); ok && model.BuildsRequest(model.Callee(&c.Call)) {
				return Outgoing, true
			}
		case *ssa.Call:
			fn := model.Callee(&x.Call)
			if fn == nil {
				break
			}
			switch model.RequestCallSource(fn) {
			case model.SourceOutgoing: // http.NewRequest, httptest.NewRequest
				return Outgoing, true
			case model.SourceReceiver: // r.Clone(ctx), r.WithContext(ctx)
				return requestOrigin(model.Receiver(&x.Call), depth+1), true
			case model.SourceIncoming:
				return Incoming, true // echo c.Request(), and framework contexts like it
			}
		case *ssa.UnOp:
			if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL && model.ServingContext(fa.X.Type()) {
				return Incoming, true // c.Request of a gin handler
			}
		case *ssa.Parameter:
			if servesHTTP(x.Parent()) {
				return Incoming, true
			}
			return Unknown, true
		}
		return Unknown, false
	})
}

// mdOrigin classifies a metadata.MD value.
func mdOrigin(v ssa.Value) Origin {
	return originOf(v, 0, func(v ssa.Value, depth int) (Origin, bool) {
		switch x := v.(type) {
		case *ssa.Extract: // metadata.FromIncomingContext(ctx)
			if c, ok := x.Tuple.(*ssa.Call); ok {
				if o := metadataSource(&c.Call); o != Unknown {
					return o, true
				}
			}
		case *ssa.Call: // metadata.Pairs(...)
			if o := metadataSource(&x.Call); o != Unknown {
				return o, true
			}
		case *ssa.MakeMap:
			return Outgoing, true
		}
		return Unknown, false
	})
}

// originOf unwraps conversions and phis around v and asks classify about each
// source; sources that disagree make Unknown.
func originOf(v ssa.Value, depth int, classify func(ssa.Value, int) (Origin, bool)) Origin {
	w := originWalk{classify: classify, seen: map[*ssa.Phi]bool{}}
	return w.of(v, depth)
}

// originWalk visits each phi once: a value reassigned in a loop is a cycle of
// phis, which the depth bound alone would walk an exponential number of times.
type originWalk struct {
	classify func(ssa.Value, int) (Origin, bool)
	seen     map[*ssa.Phi]bool
}

func (w originWalk) of(v ssa.Value, depth int) Origin {
	if depth > 8 {
		return Unknown
	}
	for steps := 0; steps < maxUnwrap; steps++ {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.Phi:
			return w.phi(x, depth)
		case *ssa.UnOp:
			if a, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL { // a local variable
				if st := ssautil.StoredOnce(a); st != nil {
					v = st
					continue
				}
			}
		}
		o, _ := w.classify(v, depth)
		return o
	}
	return Unknown
}

// maxUnwrap bounds the conversions and local copies unwrapped around one value.
const maxUnwrap = 64

func (w originWalk) phi(x *ssa.Phi, depth int) Origin {
	var o Origin
	first := true
	w.seen[x] = true
	for _, e := range x.Edges {
		if p, ok := e.(*ssa.Phi); ok && w.seen[p] || e == x {
			continue // v = f(v) around a loop: the other edges decide
		}
		eo := w.of(e, depth+1)
		if !first && eo != o {
			return Unknown
		}
		o, first = eo, false
	}
	return o
}

// servesHTTP reports whether fn takes an http.ResponseWriter: its *http.Request is
// the one being served.
func servesHTTP(fn *ssa.Function) bool {
	for fn != nil {
		for _, p := range fn.Params {
			if model.IsResponseWriter(p.Type()) {
				return true
			}
		}
		fn = fn.Parent()
	}
	return false
}

// metadataSource is whose metadata a call returns.
func metadataSource(call *ssa.CallCommon) Origin {
	switch model.MetadataCallSource(model.Callee(call)) {
	case model.SourceIncoming:
		return Incoming
	case model.SourceOutgoing:
		return Outgoing
	}
	return Unknown
}
